using Registry.Domain.Procedures;

namespace Registry.Domain.Households;

/// <summary>The date from which each event's fact holds (the effective axis, beside the recorded instant).</summary>
public static class EventFacts
{
    public static DateOnly? EffectiveOn(object @event) => @event switch
    {
        HouseholdRegistered e => e.RegisteredOn,
        MemberJoined e => e.EffectiveDate,
        MemberLeft e => e.EffectiveDate,
        MemberFactsChanged e => e.EffectiveDate,
        IncomeAssessed e => e.AssessedOn,
        IncomeVerified e => e.VerifiedOn,
        GuaranteeCertified e => e.CertifiedOn,
        RisksRecorded e => e.RecordedOn,
        AssistanceRecorded e => e.StartedOn,
        HouseholdCorrected e => e.CorrectedOn,
        HouseholdVisited e => e.VisitedOn,
        HouseholdFactsRecorded e => e.RecordedOn,
        HeadChanged e => e.EffectiveDate,
        ResponsibleAssigned e => e.Since,
        NotEnjoyingPolicyCleared e => e.EffectiveDate,
        MembersSplitOff e => e.EffectiveDate,
        HouseholdSplitFrom e => e.EffectiveDate,
        HouseholdMergedIn e => e.EffectiveDate,
        HouseholdMergedInto e => e.EffectiveDate,
        ProcedureStarted e => e.StartedOn,
        ProcedureStepRecorded e => e.OccurredOn,
        ProcedureClosed e => e.ClosedOn,
        HouseholdIdentifiedAsPoor e => e.EffectiveDate,
        HouseholdMarkedPreExit e => e.EffectiveDate,
        HouseholdExited e => e.EffectiveDate,
        MonitoringIdentified e => e.EffectiveDate,
        RiskEliminated e => e.EffectiveDate,
        HouseholdRemoved e => e.EffectiveDate,
        NotEnjoyingPolicyFlagged e => e.EffectiveDate,
        _ => null,
    };
}
