using System.Collections.Immutable;

namespace Registry.Domain.Households;

public sealed record Member(Guid MemberId, MemberFacts Facts, DateOnly Since);

public sealed record FormerMember(Guid MemberId, MemberFacts Facts, DecreaseReason Reason, DateOnly EffectiveDate, string? Note);

public sealed record IncomeRecord(
    int Year,
    decimal Wage,
    decimal Business,
    decimal Property,
    decimal Transfer,
    decimal ProductionCosts,
    decimal NetIncome,
    int HouseholdSize,
    decimal PerCapita,
    DateOnly AssessedOn);

public sealed record AssistanceMeasure(
    Guid AssistanceId,
    AssistanceCategory Category,
    string Description,
    DateOnly StartedOn,
    decimal? Amount,
    string Responsible);

public sealed record MonitoringState(
    MonitoringKind Kind,
    ImmutableList<RiskType> Risks,
    bool Eliminated,
    DateOnly? IdentifiedOn,
    DateOnly? EliminatedOn,
    DateOnly? LastAssessedOn)
{
    public static readonly MonitoringState None = new(MonitoringKind.None, [], false, null, null, null);
}
