using System.Text.Json.Nodes;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Registry.Projections.Audit;

public sealed record BrokenLink(Guid StreamId, long Version, long Sequence, string EventType, string Problem);

public sealed record VerificationReport(int CheckedStreams, int CheckedEvents, bool Valid, BrokenLink? FirstBrokenLink, IReadOnlyList<BrokenLink> BrokenStreams);

/// <summary>Recomputes hash chains straight from the stored events, bypassing every read model.</summary>
public static class HashChainVerifier
{
    /// <summary>Verifies streams in the store's one database.</summary>
    public static Task<VerificationReport> Verify(IDocumentStore store, IReadOnlyCollection<Guid> streamIds, CancellationToken ct) =>
        Verify(store.Storage.Database, store.Options.Events.DatabaseSchemaName, streamIds, ct);

    /// <summary>Verifies streams in the database of one tenant, where the store keeps a database per tenant.</summary>
    public static async Task<VerificationReport> Verify(IDocumentStore store, string tenantId, IReadOnlyCollection<Guid> streamIds, CancellationToken ct) =>
        await Verify(await store.Storage.FindOrCreateDatabase(tenantId), store.Options.Events.DatabaseSchemaName, streamIds, ct);

    private static async Task<VerificationReport> Verify(IMartenDatabase database, string schema, IReadOnlyCollection<Guid> streamIds, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, seq_id, type, data::text, headers::text, correlation_id from {schema}.mt_events " +
            "where stream_id = any(@ids) and type <> 'tombstone' order by stream_id, version", connection);
        command.Parameters.AddWithValue("ids", streamIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);

        var broken = new List<BrokenLink>();
        var events = 0;
        Guid? current = null;
        string? previous = null;
        var streamBroken = false;
        while (await reader.ReadAsync(ct))
        {
            var streamId = reader.GetGuid(0);
            if (streamId != current)
            {
                current = streamId;
                previous = null;
                streamBroken = false;
            }
            events++;
            if (streamBroken) continue;
            var version = reader.GetInt64(1);
            var sequence = reader.GetInt64(2);
            var type = reader.GetString(3);
            var headers = Headers(reader.IsDBNull(5) ? null : reader.GetString(5));
            var correlation = reader.IsDBNull(6) ? null : reader.GetString(6);
            headers.TryGetValue(EventMetadata.Hash, out var stored);
            var expected = HashChain.Compute(previous, streamId, version, type, reader.GetString(4), headers, correlation);
            if (stored != expected)
            {
                broken.Add(new BrokenLink(streamId, version, sequence, type, stored is null ? "missing-hash" : "hash-mismatch"));
                streamBroken = true;
            }
            previous = expected;
        }
        return new VerificationReport(streamIds.Count, events, broken.Count == 0, broken.OrderBy(b => b.Sequence).FirstOrDefault(), broken);
    }

    private static Dictionary<string, string?> Headers(string? json)
    {
        var result = new Dictionary<string, string?>();
        if (json is null || JsonNode.Parse(json) is not JsonObject obj) return result;
        foreach (var (key, value) in obj) result[key] = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
        return result;
    }
}
