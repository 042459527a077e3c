using Marten;
using Registry.Ledger;
using Registry.Projections.Households;

namespace Registry.Api.Audit.History;

/// <summary>The household snapshot that decisions read, compared with a fresh fold of the household's stored events.</summary>
public static class SnapshotCheck
{
    private const int Batch = 500;

    private static readonly HouseholdDetailsProjection Projection = new();

    /// <returns>How many snapshots were checked.</returns>
    public static async Task<long> Run(IDocumentStore store, List<Finding> findings, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        await using var session = store.QuerySession();
        long checkedCount = 0;
        Guid after = Guid.Empty;
        while (true)
        {
            var page = await session.Query<HouseholdDetails>().Where(h => h.Id.CompareTo(after) > 0).OrderBy(h => h.Id).Take(Batch).ToListAsync(ct);
            if (page.Count == 0) return checkedCount;
            var batch = session.CreateBatchQuery();
            var streams = page.Select(h => (Snapshot: h, Events: batch.Events.FetchStream(h.Id))).ToList();
            await batch.Execute(ct);
            foreach (var (snapshot, events) in streams)
            {
                var replayed = (await events).Aggregate((HouseholdDetails?)null, (state, e) => Projection.Evolve(state, snapshot.Id, e));
                if (replayed is null || serializer.ToJson(replayed) != serializer.ToJson(snapshot))
                    findings.Add(new Finding(null, snapshot.Id, FindingKind.SnapshotMismatch,
                        $"The household's stored snapshot (version {snapshot.Version}) differs from a fold of its events (version {replayed?.Version ?? 0})."));
            }
            checkedCount += page.Count;
            after = page[^1].Id;
        }
    }
}
