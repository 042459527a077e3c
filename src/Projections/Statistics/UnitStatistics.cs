using Registry.Domain.Households;
using Registry.Domain.Org;

namespace Registry.Projections.Statistics;

/// <summary>
/// A unit's counts (a village, and every unit above it: town, district, city, province), kept by
/// <see cref="StatisticsProjection"/> so that a unit's statistics read the documents of its children and its own, never its
/// households. Keyed by the unit code. <see cref="MemberChanges"/> holds each year's natural increases and decreases.
/// </summary>
public sealed record UnitStatistics(string Id, StatisticsCounts Current, IReadOnlyDictionary<int, StatisticsCounts> MemberChanges)
{
    /// <summary>The counts now, with the members added and removed in the year.</summary>
    public StatisticsCounts For(int year) => MemberChanges.GetValueOrDefault(year) is { } changes
        ? Current with { MembersAdded = changes.MembersAdded, MembersRemoved = changes.MembersRemoved }
        : Current;

    public static UnitStatistics Empty(string code) => new(code, StatisticsCounts.Zero, new Dictionary<int, StatisticsCounts>());

    public UnitStatistics Plus(UnitDifference difference) => this with
    {
        Current = Current.Plus(difference.Current),
        MemberChanges = difference.MemberChanges.Aggregate(MemberChanges, (years, change) =>
        {
            var sum = years.GetValueOrDefault(change.Key, StatisticsCounts.Zero).Plus(change.Value);
            var next = new Dictionary<int, StatisticsCounts>(years);
            if (sum.IsEmpty) next.Remove(change.Key);
            else next[change.Key] = sum;
            return next;
        }),
    };

    /// <summary>Each year's natural increases and decreases by reason, as counts with only those two parts.</summary>
    public static IReadOnlyDictionary<int, StatisticsCounts> ByYear(IEnumerable<MemberChange> changes) =>
        changes.GroupBy(c => c.Year).ToDictionary(g => g.Key, g => StatisticsCounts.Zero with
        {
            MembersAdded = StatisticsCounts.Count(g.Select(c => c.AddedFor).OfType<IncreaseReason>()),
            MembersRemoved = StatisticsCounts.Count(g.Select(c => c.RemovedFor).OfType<DecreaseReason>()),
        });

    /// <summary>The village and every unit above it, which all count the village's households.</summary>
    public static IReadOnlyList<string> CountedBy(string villageCode) => OrgCode.IsWellFormed(villageCode) ? OrgCode.Ancestry(villageCode) : [villageCode];
}

/// <summary>What a page of events changes in a unit's counts.</summary>
public sealed record UnitDifference(StatisticsCounts Current, IReadOnlyDictionary<int, StatisticsCounts> MemberChanges)
{
    public static readonly UnitDifference None = new(StatisticsCounts.Zero, new Dictionary<int, StatisticsCounts>());

    public bool IsEmpty => Current.IsEmpty && MemberChanges.Values.All(c => c.IsEmpty);

    public UnitDifference Plus(UnitDifference other) => new(Current.Plus(other.Current),
        other.MemberChanges.Aggregate(MemberChanges, (years, change) => new Dictionary<int, StatisticsCounts>(years)
        {
            [change.Key] = years.GetValueOrDefault(change.Key, StatisticsCounts.Zero).Plus(change.Value),
        }));

    /// <summary>From one year-by-year count of member changes to another.</summary>
    public static IReadOnlyDictionary<int, StatisticsCounts> Between(IReadOnlyDictionary<int, StatisticsCounts> before,
        IReadOnlyDictionary<int, StatisticsCounts> after) =>
        before.Keys.Union(after.Keys).ToDictionary(y => y,
            y => after.GetValueOrDefault(y, StatisticsCounts.Zero).Minus(before.GetValueOrDefault(y, StatisticsCounts.Zero)));
}
