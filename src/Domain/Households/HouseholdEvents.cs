using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record RegisteredMember(Guid MemberId, MemberFacts Facts);

[EventName("household.registered.v1")]
public sealed record HouseholdRegistered(
    Guid HouseholdId,
    string VillageCode,
    string? GroupName,
    string? Address,
    HouseholdStatus Status,
    int? IdentifiedYear,
    int? ExitYear,
    DateOnly RegisteredOn,
    IReadOnlyList<RegisteredMember> Members) : IHouseholdEvent;

[EventName("household.member-joined.v1")]
public sealed record MemberJoined(Guid MemberId, MemberFacts Facts, IncreaseReason Reason, DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.member-left.v1")]
public sealed record MemberLeft(Guid MemberId, DecreaseReason Reason, DateOnly EffectiveDate, string? Note) : IHouseholdEvent;

[EventName("household.member-facts-changed.v1")]
public sealed record MemberFactsChanged(Guid MemberId, MemberFactChanges Changes, DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.income-assessed.v1")]
public sealed record IncomeAssessed(
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
    decimal? PerCapitaDisposable = null) : IHouseholdEvent;

/// <summary>The town government verified the year's income assessment in effect (收入由镇乡政府核实).</summary>
[EventName("household.income-verified.v1")]
public sealed record IncomeVerified(int Year, DateOnly AssessedOn, string? Note, DateOnly VerifiedOn) : IHouseholdEvent;

[EventName("household.guarantee-certified.v1")]
public sealed record GuaranteeCertified(GuaranteeKind Kind, GuaranteeStatus Status, string? Note, DateOnly CertifiedOn) : IHouseholdEvent;

[EventName("household.risks-recorded.v1")]
public sealed record RisksRecorded(IReadOnlyList<RiskType> Risks, DateOnly RecordedOn) : IHouseholdEvent;

[EventName("household.assistance-recorded.v1")]
public sealed record AssistanceRecorded(
    Guid AssistanceId,
    AssistanceCategory Category,
    string Description,
    DateOnly StartedOn,
    decimal? Amount,
    string Responsible) : IHouseholdEvent;
