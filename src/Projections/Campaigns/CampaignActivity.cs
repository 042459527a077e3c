using Registry.Domain.Campaigns;

namespace Registry.Projections.Campaigns;

/// <summary>When a household was visited or had facts recorded (effective dates), which years' incomes were assessed, when it was put under monitoring.</summary>
/// <remarks>
/// Beside the dates, the first date each campaign counts (by the campaign's year): the first activity inside its visiting
/// phase and the first identification for monitoring in its year. Campaign progress then counts a unit's households with
/// one aggregate over these scalars, comparing them with the day asked about, instead of reading every household's dates.
/// </remarks>
public sealed record CampaignActivity(
    Guid Id,
    string VillageCode,
    bool Removed,
    IReadOnlyList<DateOnly> ActivityDates,
    IReadOnlyList<int> IncomeYears,
    IReadOnlyList<DateOnly> MonitoringIdentifiedOn)
{
    public IReadOnlyDictionary<int, DateOnly> VisitedOn { get; init; } = new Dictionary<int, DateOnly>();

    public IReadOnlyDictionary<int, DateOnly> MonitoredOn { get; init; } = new Dictionary<int, DateOnly>();

    public CampaignActivity On(DateOnly date)
    {
        var visited = CampaignCatalog.VisitingOn(date).Aggregate(VisitedOn, (map, campaign) => Earliest(map, campaign.Year, date));
        return ActivityDates.Contains(date) ? this with { VisitedOn = visited } : this with { ActivityDates = [.. ActivityDates, date], VisitedOn = visited };
    }

    public CampaignActivity Monitored(DateOnly date) =>
        this with { MonitoringIdentifiedOn = [.. MonitoringIdentifiedOn, date], MonitoredOn = Earliest(MonitoredOn, date.Year, date) };

    private static IReadOnlyDictionary<int, DateOnly> Earliest(IReadOnlyDictionary<int, DateOnly> map, int year, DateOnly date) =>
        map.TryGetValue(year, out var known) && known <= date ? map : new Dictionary<int, DateOnly>(map) { [year] = date };
}
