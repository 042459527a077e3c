using System.Collections.Immutable;

namespace Registry.Domain.Households;

/// <param name="LastFactOn">The latest effective date of any fact recorded about the member.</param>
public sealed record Member(Guid MemberId, MemberFacts Facts, DateOnly Since, DateOnly? LastFactOn = null)
{
    public Member Changed(MemberFactChanges changes, DateOnly effective) => this with
    {
        Facts = changes.ApplyTo(Facts),
        LastFactOn = LastFactOn is { } last && last > effective ? last : effective,
    };
}

public sealed record FormerMember(Guid MemberId, MemberFacts Facts, DecreaseReason Reason, DateOnly EffectiveDate, string? Note, DateOnly? LastFactOn = null);

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
