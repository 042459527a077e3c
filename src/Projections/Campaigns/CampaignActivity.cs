namespace Registry.Projections.Campaigns;

/// <summary>When a household was visited or had facts recorded (effective dates), which years' incomes were assessed, when it was put under monitoring.</summary>
public sealed record CampaignActivity(
    Guid Id,
    string VillageCode,
    bool Removed,
    IReadOnlyList<DateOnly> ActivityDates,
    IReadOnlyList<int> IncomeYears,
    IReadOnlyList<DateOnly> MonitoringIdentifiedOn)
{
    public CampaignActivity On(DateOnly date) =>
        ActivityDates.Contains(date) ? this : this with { ActivityDates = [.. ActivityDates, date] };
}
