using JasperFx.Events;
using Marten;
using Registry.Domain.Quality;

namespace Registry.Projections.Quality;

/// <summary>
/// Inline, in the transaction that opens or resolves a problem: the list's total is right the moment its rows are. An
/// opening adds one open problem to its village; a resolution moves one from open to resolved in the village the
/// problem was opened in, and one to the resolved problems of the year it was opened in (campaign progress counts those).
/// </summary>
public sealed class ProblemTotalsProjection() : UnitCountsProjection(ProblemTotals.Name, ProblemTotals.Table, typeof(ProblemOpened), typeof(ProblemResolved))
{
    protected override async Task<IEnumerable<KeyValuePair<(string Village, string Kind), long>>> Differences(IDocumentOperations operations,
        IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var opened = events.Where(e => e.Data is ProblemOpened).ToDictionary(e => e.StreamId, e => Where((ProblemOpened)e.Data));
        var resolved = events.Where(e => e.Data is ProblemResolved).Select(e => e.StreamId).ToList();
        var differences = new Dictionary<(string Village, string Kind), long>();
        if (opened.Count == 0 && resolved.Count == 0) return differences;
        var earlier = resolved.Where(id => !opened.ContainsKey(id)).ToArray();
        var openedEarlier = earlier.Length == 0
            ? new Dictionary<Guid, (string, int)>()
            : (await operations.LoadManyAsync<ProblemView>(ct, earlier)).ToDictionary(p => p.Id, p => (p.VillageCode, p.State.OpenedOn.Year));

        foreach (var (village, _) in opened.Values) Add(differences, village, ProblemStatus.Open.ToString(), 1);
        foreach (var id in resolved)
        {
            if (!opened.TryGetValue(id, out var problem) && !openedEarlier.TryGetValue(id, out problem)) continue;
            Add(differences, problem.Village, ProblemStatus.Open.ToString(), -1);
            Add(differences, problem.Village, ProblemStatus.Resolved.ToString(), 1);
            Add(differences, problem.Village, ProblemTotals.ResolvedOpenedIn(problem.Year), 1);
        }
        return differences;
    }

    private static (string Village, int Year) Where(ProblemOpened e) => (e.VillageCode, e.OpenedOn.Year);
}
