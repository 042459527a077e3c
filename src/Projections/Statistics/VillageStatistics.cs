using Registry.Domain.Households;

namespace Registry.Projections.Statistics;

/// <summary>One year's natural increases and decreases of a village's members, by reason.</summary>
public sealed record YearMemberChanges(int Year, IReadOnlyDictionary<IncreaseReason, int> Added, IReadOnlyDictionary<DecreaseReason, int> Removed);

/// <summary>
/// A village's counts, kept by <see cref="StatisticsProjection"/> so that the statistics of a town or a district add up a few
/// hundred of these instead of reading every household. Keyed by the village code.
/// </summary>
public sealed record VillageStatistics(string Id, StatisticsCounts Current, IReadOnlyList<YearMemberChanges> MemberChanges)
{
    /// <summary>The counts now, with the members added and removed in the year.</summary>
    public StatisticsCounts For(int year) => MemberChanges.FirstOrDefault(c => c.Year == year) is { } changes
        ? Current with { MembersAdded = changes.Added, MembersRemoved = changes.Removed }
        : Current;

    public static VillageStatistics Empty(string villageCode) => new(villageCode, StatisticsCounts.Zero, []);

    public static IReadOnlyList<YearMemberChanges> ByYear(IEnumerable<MemberChange> changes) =>
        changes.GroupBy(c => c.Year).OrderBy(g => g.Key).Select(g => new YearMemberChanges(g.Key,
            StatisticsCounts.Count(g.Select(c => c.AddedFor).OfType<IncreaseReason>()),
            StatisticsCounts.Count(g.Select(c => c.RemovedFor).OfType<DecreaseReason>()))).ToList();
}
