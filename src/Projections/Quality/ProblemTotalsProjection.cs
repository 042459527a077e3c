using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Marten;
using Registry.Domain.Quality;

namespace Registry.Projections.Quality;

/// <summary>
/// Inline, in the transaction that opens or resolves a problem: the list's total is right the moment its rows are. An
/// opening adds one open problem to its village; a resolution moves one from open to resolved in the village the
/// problem was opened in. It reads only those two kinds of event, so a rebuild reads nothing else from the log.
/// </summary>
public sealed class ProblemTotalsProjection : ProjectionBase, IProjection
{
    public ProblemTotalsProjection()
    {
        Name = ProblemTotals.Name;
        IncludeType<ProblemOpened>();
        IncludeType<ProblemResolved>();
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var opened = events.Where(e => e.Data is ProblemOpened).ToDictionary(e => e.StreamId, e => ((ProblemOpened)e.Data).VillageCode);
        var resolved = events.Where(e => e.Data is ProblemResolved).Select(e => e.StreamId).ToList();
        if (opened.Count == 0 && resolved.Count == 0) return;
        var earlier = resolved.Where(id => !opened.ContainsKey(id)).ToArray();
        var villages = earlier.Length == 0
            ? new Dictionary<Guid, string>()
            : (await operations.LoadManyAsync<ProblemView>(cancellation, earlier)).ToDictionary(p => p.Id, p => p.VillageCode);

        var differences = new Dictionary<(string, string), long>();
        foreach (var village in opened.Values) Add(differences, village, ProblemStatus.Open, 1);
        foreach (var id in resolved)
        {
            if (!opened.TryGetValue(id, out var village) && !villages.TryGetValue(id, out village)) continue;
            Add(differences, village, ProblemStatus.Open, -1);
            Add(differences, village, ProblemStatus.Resolved, 1);
        }
        ProblemTotals.Table.Add(operations, differences);
    }

    private static void Add(Dictionary<(string, string), long> differences, string village, ProblemStatus status, long n) =>
        differences[(village, status.ToString())] = differences.GetValueOrDefault((village, status.ToString())) + n;
}
