using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Registry.Projections.Households;

namespace Registry.Projections.Statistics;

/// <summary>
/// Keeps <see cref="VillageStatistics"/>, <see cref="HouseholdTally"/> and <see cref="MemberChange"/>. For each page of events,
/// every household the page touched is counted again from its current document (the inline <see cref="HouseholdDetails"/>,
/// committed with the events) and its village gets the difference from what the household counted before; the member
/// changes of a village that has new ones are counted again. The work grows with the households a page touches, not with
/// the villages' sizes, and a rebuild starts from nothing (every type is deleted on teardown).
/// </summary>
public sealed class StatisticsProjection : IProjection
{
    public const string Name = "Statistics";

    public static void Teardown(AsyncOptions options)
    {
        options.DeleteViewTypeOnTeardown<VillageStatistics>();
        options.DeleteViewTypeOnTeardown<HouseholdTally>();
        options.DeleteViewTypeOnTeardown<MemberChange>();
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var householdEvents = events.Where(e => EventTypes.HouseholdEvents.Contains(e.EventType)).ToList();
        if (householdEvents.Count == 0) return;
        var ids = householdEvents.Select(e => e.StreamId).Distinct().ToArray();
        var households = await operations.LoadManyAsync<HouseholdDetails>(cancellation, ids);
        var tallies = (await operations.LoadManyAsync<HouseholdTally>(cancellation, ids)).ToDictionary(t => t.Id);
        var villageOf = households.ToDictionary(h => h.Id, h => h.VillageCode);

        var differences = new Dictionary<string, StatisticsCounts>();
        foreach (var household in households)
        {
            var now = StatisticsCounts.Of(household.State);
            var before = tallies.GetValueOrDefault(household.Id)?.Counts ?? StatisticsCounts.Zero;
            differences[household.VillageCode] = differences.GetValueOrDefault(household.VillageCode, StatisticsCounts.Zero).Plus(now.Minus(before));
            operations.Store(new HouseholdTally(household.Id, household.VillageCode, now));
        }

        var changes = householdEvents
            .Select(e => villageOf.TryGetValue(e.StreamId, out var village) ? MemberChange.From(e.Id, e.StreamId, village, e.Data) : null)
            .OfType<MemberChange>().ToList();
        foreach (var change in changes) operations.Store(change);

        var villages = (await operations.LoadManyAsync<VillageStatistics>(cancellation, differences.Keys)).ToDictionary(v => v.Id);
        foreach (var (code, difference) in differences)
        {
            var village = villages.GetValueOrDefault(code) ?? VillageStatistics.Empty(code);
            var updated = village with { Current = village.Current.Plus(difference) };
            if (changes.Any(c => c.VillageCode == code))
            {
                var recorded = await operations.Query<MemberChange>().Where(c => c.VillageCode == code).ToListAsync(cancellation);
                updated = updated with { MemberChanges = VillageStatistics.ByYear(recorded.UnionBy(changes.Where(c => c.VillageCode == code), c => c.Id)) };
            }
            operations.Store(updated);
        }
    }
}
