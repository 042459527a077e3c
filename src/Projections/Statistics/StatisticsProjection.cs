using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Projections.Households;

namespace Registry.Projections.Statistics;

/// <summary>
/// Keeps <see cref="VillageStatistics"/> and <see cref="MemberChange"/>. For each page of events it records the member changes
/// and counts every village the page touched again from its households' current documents (the inline
/// <see cref="HouseholdDetails"/>, committed with the events): a recount rather than increments, so replaying a page, or
/// rebuilding, gives the same documents.
/// </summary>
public sealed class StatisticsProjection : IProjection
{
    public const string Name = "Statistics";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var householdEvents = events.Where(e => EventTypes.HouseholdEvents.Contains(e.EventType)).ToList();
        if (householdEvents.Count == 0) return;
        var households = await operations.LoadManyAsync<HouseholdDetails>(cancellation, householdEvents.Select(e => e.StreamId).Distinct());
        var villageOf = households.ToDictionary(h => h.Id, h => h.VillageCode);
        var changes = householdEvents
            .Select(e => villageOf.TryGetValue(e.StreamId, out var village) ? MemberChange.From(e.Id, e.StreamId, village, e.Data) : null)
            .OfType<MemberChange>().ToList();
        foreach (var change in changes) operations.Store(change);

        foreach (var village in villageOf.Values.Distinct())
        {
            var inVillage = await operations.Query<HouseholdDetails>().Where(h => h.VillageCode == village).ToListAsync(cancellation);
            var recorded = await operations.Query<MemberChange>().Where(c => c.VillageCode == village).ToListAsync(cancellation);
            operations.Store(VillageStatistics.Of(village, inVillage, recorded.UnionBy(changes.Where(c => c.VillageCode == village), c => c.Id)));
        }
    }
}
