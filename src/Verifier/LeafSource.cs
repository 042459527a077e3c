using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using Registry.Ledger;

namespace Registry.Verifier;

/// <summary>One leaf as an auditor reads it: the event (null when its row is gone) and the hash the service stored for it.</summary>
public sealed record BundleLine(long Sequence, StoredEvent? Event, byte[] StoredHash);

/// <summary>The events in leaf order, from a database or from a bundle exported from one.</summary>
public static class LeafSource
{
    public const string LeafTable = "audit_leaves";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async IAsyncEnumerable<BundleLine> Database(string connectionString, string schema, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await foreach (var (sequence, e, hash) in EventLog.ReadInLeafOrder(connection, schema, LeafTable, ct)) yield return new BundleLine(sequence, e, hash);
    }

    /// <summary>What the database holds beside its leaves: rows inserted among leafed ones, rows marked archived.</summary>
    public static async IAsyncEnumerable<string> Unaccounted(string connectionString, string schema, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await foreach (var (sequence, stream, archived, unleafed) in EventLog.Unaccounted(connection, schema, LeafTable, ct))
            yield return $"sequence {sequence} (stream {stream}): " + (unleafed ? "a row without a leaf among leafed ones" : "") +
                (unleafed && archived ? ", " : "") + (archived ? "marked archived, which hides it from every fold and history" : "");
    }

    public static async IAsyncEnumerable<BundleLine> Bundle(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.Length > 0) yield return JsonSerializer.Deserialize<BundleLine>(line, Json) ?? throw new InvalidDataException("An empty bundle line.");
    }

    /// <returns>The number of lines written.</returns>
    public static async Task<long> Export(IAsyncEnumerable<BundleLine> lines, string path, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path);
        long count = 0;
        await foreach (var line in lines.WithCancellation(ct))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, Json).AsMemory(), ct);
            count++;
        }
        return count;
    }

    public static SignedCheckpoint Checkpoint(string path) =>
        JsonSerializer.Deserialize<SignedCheckpoint>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no checkpoint.");
}
