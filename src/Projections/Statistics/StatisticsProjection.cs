using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Projections.Statistics;

/// <summary>
/// Keeps <see cref="UnitStatistics"/>, <see cref="HouseholdTally"/> and <see cref="MemberChange"/>. For each page of events,
/// every household the page touched is counted again from its current document (the inline <see cref="HouseholdDetails"/>,
/// committed with the events), and its village and every unit above get the difference from what it counted before; the
/// member changes of a village that has new ones are counted again, and the units above get that difference too. The work
/// grows with the households a page touches, not with the units' sizes, and a rebuild starts from nothing (every type is
/// deleted on teardown). It reads household events only, so a rebuild reads nothing else from the log.
/// </summary>
public sealed class StatisticsProjection : ProjectionBase, IProjection
{
    public const string ProjectionName = "Statistics";

    public StatisticsProjection() : this(EventTypes.HouseholdEvents)
    {
    }

    private StatisticsProjection(IEnumerable<Type> eventTypes)
    {
        Name = ProjectionName;
        foreach (var type in eventTypes) IncludeType(type);
    }

    /// <summary>
    /// The same read model counted by a rebuild, which runs once every household's document is final: a household is counted
    /// once, at the event that made it, and the member changes at their own events, so the log's other events (nearly all of
    /// it) are not read again.
    /// </summary>
    public static StatisticsProjection AfterTheReadModels() =>
        new([.. Household.OpeningEvents, .. MemberChange.EventTypes]);

    public static void Teardown(AsyncOptions options)
    {
        options.DeleteViewTypeOnTeardown<UnitStatistics>();
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

        var byVillage = new Dictionary<string, UnitDifference>();
        foreach (var household in households)
        {
            var now = StatisticsCounts.Of(household.State);
            var before = tallies.GetValueOrDefault(household.Id);
            var difference = now.Minus(before?.Counts ?? StatisticsCounts.Zero);
            // Most events (a phone number, a visit) change nothing counted: their household's tally is not written again.
            if (before is not null && before.VillageCode == household.VillageCode && difference.IsEmpty) continue;
            Add(byVillage, household.VillageCode, new UnitDifference(difference, UnitDifference.None.MemberChanges));
            operations.Store(new HouseholdTally(household.Id, household.VillageCode, now));
        }

        var changes = householdEvents
            .Select(e => villageOf.TryGetValue(e.StreamId, out var village) ? MemberChange.From(e.Id, e.StreamId, village, e.Data) : null)
            .OfType<MemberChange>().ToList();
        foreach (var change in changes) operations.Store(change);
        var changedVillages = changes.Select(c => c.VillageCode).Distinct().ToList();
        var villageDocuments = (await operations.LoadManyAsync<UnitStatistics>(cancellation, changedVillages)).ToDictionary(u => u.Id);
        foreach (var village in changedVillages)
        {
            var recorded = await operations.Query<MemberChange>().Where(c => c.VillageCode == village).ToListAsync(cancellation);
            var after = UnitStatistics.ByYear(recorded.UnionBy(changes.Where(c => c.VillageCode == village), c => c.Id));
            var before = villageDocuments.GetValueOrDefault(village)?.MemberChanges ?? UnitDifference.None.MemberChanges;
            Add(byVillage, village, new UnitDifference(StatisticsCounts.Zero, UnitDifference.Between(before, after)));
        }

        var byUnit = new Dictionary<string, UnitDifference>();
        foreach (var (village, difference) in byVillage.Where(d => !d.Value.IsEmpty))
        foreach (var unit in UnitStatistics.CountedBy(village))
            Add(byUnit, unit, difference);
        if (byUnit.Count == 0) return;
        var units = (await operations.LoadManyAsync<UnitStatistics>(cancellation, byUnit.Keys)).ToDictionary(u => u.Id);
        foreach (var (code, difference) in byUnit) operations.Store((units.GetValueOrDefault(code) ?? UnitStatistics.Empty(code)).Plus(difference));
    }

    private static void Add(Dictionary<string, UnitDifference> differences, string code, UnitDifference difference) =>
        differences[code] = differences.GetValueOrDefault(code, UnitDifference.None).Plus(difference);
}
