using System.Text.Json.Serialization;
using Registry.Domain.Households;

namespace Registry.Projections.Statistics;

/// <summary>Monitored households by kind, and how many of them had their risk eliminated.</summary>
public sealed record MonitoringCounts(
    [property: JsonPropertyName("UnstableExited")] int UnstableExited,
    [property: JsonPropertyName("Marginal")] int Marginal,
    int Eliminated)
{
    public static readonly MonitoringCounts Zero = new(0, 0, 0);

    public MonitoringCounts Plus(MonitoringCounts other) => new(UnstableExited + other.UnstableExited, Marginal + other.Marginal, Eliminated + other.Eliminated);
}

/// <summary>
/// What a unit counts (统计): households and persons by status, marks, monitoring, households by risk, households by unresolved
/// guarantee, and members added and removed by reason. A name absent from a map counts 0.
/// </summary>
public record StatisticsCounts(
    IReadOnlyDictionary<HouseholdStatus, int> Households,
    IReadOnlyDictionary<HouseholdStatus, int> Persons,
    IReadOnlyDictionary<HouseholdMark, int> Marks,
    MonitoringCounts Monitoring,
    IReadOnlyDictionary<RiskType, int> Risks,
    IReadOnlyDictionary<GuaranteeKind, int> UnresolvedGuarantees,
    IReadOnlyDictionary<IncreaseReason, int> MembersAdded,
    IReadOnlyDictionary<DecreaseReason, int> MembersRemoved)
{
    public static readonly StatisticsCounts Zero = new(Empty<HouseholdStatus>(), Empty<HouseholdStatus>(), Empty<HouseholdMark>(), MonitoringCounts.Zero,
        Empty<RiskType>(), Empty<GuaranteeKind>(), Empty<IncreaseReason>(), Empty<DecreaseReason>());

    /// <summary>What one household counts now. A closed household (removed, merged) counts by its status only.</summary>
    public static StatisticsCounts Of(Household h)
    {
        var byStatus = One(h.Status);
        if (h.Status is HouseholdStatus.Removed or HouseholdStatus.Merged)
            return Zero with { Households = byStatus, Persons = Count([h.Status], h.Members.Count) };
        var monitored = h.Monitoring.Kind != MonitoringKind.None;
        return Zero with
        {
            Households = byStatus,
            Persons = Count([h.Status], h.Members.Count),
            Marks = Count(h.Marks.Distinct()),
            Monitoring = new MonitoringCounts(h.Monitoring.Kind == MonitoringKind.UnstableExited ? 1 : 0, h.Monitoring.Kind == MonitoringKind.Marginal ? 1 : 0,
                monitored && h.Monitoring.Eliminated ? 1 : 0),
            Risks = Count(h.Monitoring.Risks.Distinct()),
            UnresolvedGuarantees = Count(h.Guarantees.Where(g => g.Value == GuaranteeStatus.Unresolved).Select(g => g.Key)),
        };
    }

    public StatisticsCounts Plus(StatisticsCounts other) => new(
        Sum(Households, other.Households), Sum(Persons, other.Persons), Sum(Marks, other.Marks), Monitoring.Plus(other.Monitoring),
        Sum(Risks, other.Risks), Sum(UnresolvedGuarantees, other.UnresolvedGuarantees), Sum(MembersAdded, other.MembersAdded),
        Sum(MembersRemoved, other.MembersRemoved));

    /// <summary>Nothing counted: every map empty, no monitored household.</summary>
    public bool IsEmpty => Households.Count == 0 && Persons.Count == 0 && Marks.Count == 0 && Monitoring == MonitoringCounts.Zero && Risks.Count == 0
        && UnresolvedGuarantees.Count == 0 && MembersAdded.Count == 0 && MembersRemoved.Count == 0;

    public StatisticsCounts Minus(StatisticsCounts other) => Plus(other.Negated());

    private StatisticsCounts Negated() => new(Neg(Households), Neg(Persons), Neg(Marks),
        new MonitoringCounts(-Monitoring.UnstableExited, -Monitoring.Marginal, -Monitoring.Eliminated), Neg(Risks), Neg(UnresolvedGuarantees),
        Neg(MembersAdded), Neg(MembersRemoved));

    private static IReadOnlyDictionary<T, int> Neg<T>(IReadOnlyDictionary<T, int> counts) where T : struct, Enum =>
        counts.ToDictionary(c => c.Key, c => -c.Value);

    public static StatisticsCounts Total(IEnumerable<StatisticsCounts> counts) => counts.Aggregate(Zero, (sum, c) => sum.Plus(c));

    public static IReadOnlyDictionary<T, int> Count<T>(IEnumerable<T> keys, int each = 1) where T : struct, Enum =>
        keys.Where(_ => each != 0).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count() * each);

    private static IReadOnlyDictionary<T, int> One<T>(T key) where T : struct, Enum => new Dictionary<T, int> { [key] = 1 };

    private static IReadOnlyDictionary<T, int> Empty<T>() where T : struct, Enum => new Dictionary<T, int>();

    private static IReadOnlyDictionary<T, int> Sum<T>(IReadOnlyDictionary<T, int> a, IReadOnlyDictionary<T, int> b) where T : struct, Enum
    {
        if (b.Count == 0) return a;
        if (a.Count == 0) return b;
        var sum = new Dictionary<T, int>(a);
        foreach (var (key, n) in b)
        {
            // A count that falls back to 0 leaves the map, as if it had never been counted.
            if (sum.GetValueOrDefault(key) + n is var total and not 0) sum[key] = total;
            else sum.Remove(key);
        }
        return sum;
    }
}
