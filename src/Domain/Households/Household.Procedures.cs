using System.Collections.Immutable;
using Registry.Domain.Procedures;

namespace Registry.Domain.Households;

public sealed partial record Household
{
    public OpenProcedure? FindProcedure(Guid procedureId) => OpenProcedures.FirstOrDefault(p => p.ProcedureId == procedureId);

    private Household EvolveProcedures(object @event) => @event switch
    {
        ProcedureStarted e => this with { OpenProcedures = OpenProcedures.Add(new OpenProcedure(e.ProcedureId, e.Kind, e.DefinitionVersion, e.StartedOn, [])) },
        ProcedureStepRecorded e => FindProcedure(e.ProcedureId) is { } open
            ? this with { OpenProcedures = OpenProcedures.Replace(open, open with { Steps = open.Steps.Add(new RecordedStep(e.Step, e.Outcome, e.OccurredOn)) }) }
            : this,
        ProcedureClosed e => (FindProcedure(e.ProcedureId) is { } closed ? this with { OpenProcedures = OpenProcedures.Remove(closed) } : this) is var after
            && e.Kind == ProcedureKind.Exit && e.Closure == ProcedureClosure.Rejected
                ? after.Unmark(HouseholdMark.PreExit)
                : after,
        HouseholdIdentifiedAsPoor e => (this with
            {
                Status = HouseholdStatus.Poor,
                IdentifiedYear = e.Year,
                IdentifiedOn = e.EffectiveDate,
                ExitYear = null,
                Monitoring = Monitoring with { Kind = MonitoringKind.None, Eliminated = false, IdentifiedOn = null, EliminatedOn = null },
            })
            .Unmark(HouseholdMark.PreExit).Unmark(HouseholdMark.NotEnjoyingPolicy)
            .Mark(e.ReturnedToPoverty ? HouseholdMark.ReturnedToPoverty : HouseholdMark.NewlyPoor),
        GuaranteeCertificationsCleared => this with { Guarantees = NoGuarantees },
        HouseholdMarkedPreExit => Mark(HouseholdMark.PreExit),
        HouseholdExited e => (this with { Status = HouseholdStatus.Exited, ExitYear = e.ExitYear })
            .Unmark(HouseholdMark.PreExit).Unmark(HouseholdMark.NewlyPoor).Unmark(HouseholdMark.ReturnedToPoverty),
        MonitoringIdentified e => this with
        {
            Monitoring = Monitoring with
            {
                Kind = e.Kind, Risks = e.Risks.ToImmutableList(), Eliminated = false, IdentifiedOn = e.EffectiveDate, EliminatedOn = null,
                LastAssessedOn = e.EffectiveDate,
            },
        },
        RiskEliminated e => this with { Monitoring = Monitoring with { Eliminated = true, EliminatedOn = e.EffectiveDate, LastAssessedOn = e.EffectiveDate } },
        HouseholdRemoved => (this with { Status = HouseholdStatus.Removed }).Unmark(HouseholdMark.NotEnjoyingPolicy),
        NotEnjoyingPolicyFlagged => Mark(HouseholdMark.NotEnjoyingPolicy),
        NotEnjoyingPolicyCleared => Unmark(HouseholdMark.NotEnjoyingPolicy),
        _ => this,
    };

    public bool Has(HouseholdMark mark) => Marks.Contains(mark);

    private Household Mark(HouseholdMark mark) => Has(mark) ? this : this with { Marks = Marks.Add(mark) };

    private Household Unmark(HouseholdMark mark) => this with { Marks = Marks.Remove(mark) };
}
