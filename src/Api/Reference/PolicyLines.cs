using Marten;
using Registry.Api.Bulk;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Projections.Policy;

namespace Registry.Api.Reference;

/// <summary>Each unit's lines live in a stream of their own; a decision uses those of the nearest unit above it that set the year.</summary>
public static class PolicyLines
{
    /// <summary>The namespace of units' policy-line streams; never change it, or units would lose their lines.</summary>
    private static readonly Guid Streams = new("5f0e2a3c-7b14-5d89-a6c2-91e4b07d3f28");

    public static Guid StreamOf(string unitCode) => NameBasedId.Create(Streams, unitCode);

    /// <summary>The lines in effect for a unit (a household's village), as the pure decide functions take them.</summary>
    public static async Task<Func<int, PolicyLine?>> For(IQuerySession session, string unitCode, CancellationToken ct) =>
        UnitPolicyLines.Nearest((await Chain(session, unitCode, ct)).Select(v => v?.State));

    /// <summary>The lines each unit from this one up to its province set, with their versions, nearest first (null for a unit that set none).</summary>
    public static async Task<IReadOnlyList<PolicyLinesView?>> Chain(IQuerySession session, string unitCode, CancellationToken ct)
    {
        var chain = OrgCode.Ancestry(unitCode);
        var views = (await session.LoadManyAsync<PolicyLinesView>(ct, chain.Select(StreamOf))).ToDictionary(v => v.UnitCode);
        return chain.Select(views.GetValueOrDefault).ToList();
    }

    /// <summary>The lines in effect for every village under a unit, for runs over a whole unit.</summary>
    public static async Task<Func<string, int, PolicyLine?>> Under(IQuerySession session, string unitCode, CancellationToken ct)
    {
        var prefix = OrgCode.SignificantPrefix(unitCode);
        var inside = await session.Query<PolicyLinesView>().Where(v => v.UnitCode.StartsWith(prefix)).ToListAsync(ct);
        var above = await session.LoadManyAsync<PolicyLinesView>(ct, OrgCode.Ancestry(unitCode).Select(StreamOf));
        var byUnit = inside.Concat(above).DistinctBy(v => v.Id).ToDictionary(v => v.UnitCode, v => v.State);
        var cache = new Dictionary<string, Func<int, PolicyLine?>>();
        return (village, year) =>
        {
            if (!cache.TryGetValue(village, out var lines))
                cache[village] = lines = UnitPolicyLines.Nearest(OrgCode.Ancestry(village).Select(u => byUnit.GetValueOrDefault(u)));
            return lines(year);
        };
    }

    /// <summary>For each year any unit of the chain set: the line in effect and the unit it comes from.</summary>
    public static async Task<IReadOnlyList<EffectiveLine>> Effective(IQuerySession session, string unitCode, CancellationToken ct) =>
        Effective(await Chain(session, unitCode, ct));

    /// <summary>For each year any unit of a chain (nearest first) set: the line in effect and the unit it comes from.</summary>
    public static IReadOnlyList<EffectiveLine> Effective(IReadOnlyList<PolicyLinesView?> chain)
    {
        var ordered = chain.OfType<PolicyLinesView>().Select(v => v.State).ToList();
        return ordered.SelectMany(u => u.Lines.Keys).Distinct().Order().Select(year =>
        {
            var source = ordered.First(u => u.Lines.ContainsKey(year));
            var line = source.Lines[year];
            return new EffectiveLine(year, line.PovertyLine, line.MonitoringLine, source.UnitCode);
        }).ToList();
    }
}

public sealed record EffectiveLine(int Year, decimal PovertyLine, decimal MonitoringLine, string SetByUnit);
