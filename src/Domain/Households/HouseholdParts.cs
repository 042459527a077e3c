using System.Collections.Immutable;

namespace Registry.Domain.Households;

/// <param name="LastFactOn">The latest effective date of any fact recorded about the member.</param>
/// <param name="JoinedFor">Why the member joined after the household was registered; null for the registered members (and in
/// snapshots kept before it was).</param>
public sealed record Member(Guid MemberId, MemberFacts Facts, DateOnly Since, DateOnly? LastFactOn = null, IncreaseReason? JoinedFor = null)
{
    /// <summary>
    /// Whether <see cref="Since"/> is the member's birth date: a newborn joins on the day it is born. A view that may not show
    /// the birth date may not show it. Judged by the reason alone, as every other view judges the join's event, so that a
    /// date hidden here is hidden everywhere.
    /// </summary>
    public bool JoinedAtBirth() => JoinedFor == IncreaseReason.Birth;

    public Member Changed(MemberFactChanges changes, DateOnly effective) => this with
    {
        Facts = changes.ApplyTo(Facts),
        LastFactOn = LastFactOn is { } last && last > effective ? last : effective,
    };
}

/// <param name="Since">When the member joined; null for those who left before it was kept (counted as present from the start).</param>
public sealed record FormerMember(Guid MemberId, MemberFacts Facts, DecreaseReason Reason, DateOnly EffectiveDate, string? Note, DateOnly? LastFactOn = null,
    DateOnly? Since = null);

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
    DateOnly AssessedOn,
    decimal TransferExpenses = 0m,
    decimal? PerCapitaDisposable = null,
    DateOnly? VerifiedOn = null)
{
    /// <summary>人均纯收入, compared with the poverty line; <see cref="PerCapita"/> is the same figure.</summary>
    public decimal PerCapitaNet => PerCapita;

    /// <summary>人均可支配收入 (net less transfer expenses), compared with the monitoring line.</summary>
    public decimal Disposable => PerCapitaDisposable ?? PerCapita;
}

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
