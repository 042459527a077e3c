using System.Text;
using System.Text.Json;
using Marten;
using Registry.Ledger;
using Registry.Projections;
using Registry.Projections.Households;

namespace Registry.Api.Audit.History;

/// <summary>
/// The household snapshot that decisions read, and the read model written from it, compared with a fold of the household's
/// stored events: the fold is built from the rows the leaf comparison reads anyway (<see cref="Add"/>), so the log is read once.
/// </summary>
public sealed class SnapshotCheck(IDocumentStore store, string tenant)
{
    private const int Batch = 500;

    private static readonly IReadOnlyDictionary<string, Type> HouseholdEvents =
        EventTypes.HouseholdEvents.ToDictionary(EventTypes.NameOf, t => t);

    private readonly Dictionary<Guid, HouseholdSnapshot?> _folds = [];
    private readonly Marten.ISerializer _serializer = store.Options.Serializer();

    /// <summary>One more stored event, in sequence order, folded into its household.</summary>
    public void Add(StoredEvent e)
    {
        if (!HouseholdEvents.TryGetValue(e.Type, out var type)) return;
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(e.Data));
        var data = _serializer.FromJson(type, json);
        _folds[e.StreamId] = HouseholdSnapshotProjection.Next(_folds.GetValueOrDefault(e.StreamId), e.StreamId, e.Version, data, HashOf(e.Headers));
    }

    /// <summary>Compares every stored snapshot, and the read model beside it, with its fold.</summary>
    /// <returns>How many snapshots were checked.</returns>
    public async Task<long> Compare(LogAudit audit, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        long checkedCount = 0;
        var after = Guid.Empty;
        while (true)
        {
            var page = await session.Query<HouseholdSnapshot>().Where(h => h.Id.CompareTo(after) > 0).OrderBy(h => h.Id).Take(Batch).ToListAsync(ct);
            if (page.Count == 0) return checkedCount;
            var readModels = (await session.LoadManyAsync<HouseholdDetails>(ct, page.Select(h => h.Id).ToArray())).ToDictionary(h => h.Id);
            foreach (var snapshot in page)
            {
                var folded = _folds.GetValueOrDefault(snapshot.Id);
                if (folded is null || _serializer.ToJson(folded) != _serializer.ToJson(snapshot))
                    audit.Add(new Finding(null, snapshot.Id, FindingKind.SnapshotMismatch,
                        $"The household's stored snapshot (version {snapshot.Version}) differs from a fold of its events (version {folded?.Version ?? 0})."));
                else if (readModels.GetValueOrDefault(snapshot.Id) is not { } shown || _serializer.ToJson(HouseholdDetails.Of(folded)) != _serializer.ToJson(shown))
                    audit.Add(new Finding(null, snapshot.Id, FindingKind.SnapshotMismatch,
                        $"The household's read model (version {readModels.GetValueOrDefault(snapshot.Id)?.Version ?? 0}) differs from a fold of its events (version {folded.Version})."));
            }
            checkedCount += page.Count;
            after = page[^1].Id;
        }
    }

    private static string? HashOf(string? headers)
    {
        if (headers is null) return null;
        using var document = JsonDocument.Parse(headers);
        return document.RootElement.TryGetProperty(EventMetadata.Hash, out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null;
    }
}
