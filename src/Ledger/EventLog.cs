using System.Runtime.CompilerServices;
using Npgsql;

namespace Registry.Ledger;

/// <summary>Reads the event log's rows as stored, straight from PostgreSQL, for leaves and for verification.</summary>
public static class EventLog
{
    private const string Columns = "e.seq_id, e.id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.headers::text, e.correlation_id, " +
        "e.user_name, e.tenant_id, e.is_archived";

    /// <summary>Events after a sequence (and up to one, when given), in sequence order.</summary>
    public static async IAsyncEnumerable<StoredEvent> Read(NpgsqlConnection connection, string schema, long afterSequence, long? upToSequence,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from {schema}.mt_events e where seq_id > @after and (@upTo is null or seq_id <= @upTo) and type <> 'tombstone' order by seq_id",
            connection);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.Add(new NpgsqlParameter<long?>("upTo", upToSequence) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await foreach (var e in Rows(command, ct)) yield return e;
    }

    /// <summary>The events of some streams, in sequence order.</summary>
    public static async IAsyncEnumerable<StoredEvent> ReadStreams(NpgsqlConnection connection, string schema, IReadOnlyCollection<Guid> streamIds,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from {schema}.mt_events e where stream_id = any(@ids) and type <> 'tombstone' order by seq_id", connection);
        command.Parameters.AddWithValue("ids", streamIds.ToArray());
        await foreach (var e in Rows(command, ct)) yield return e;
    }

    /// <summary>Events that meet a condition over the alias <c>e</c>, in sequence order.</summary>
    public static async IAsyncEnumerable<StoredEvent> ReadWhere(NpgsqlConnection connection, string schema, string condition,
        IReadOnlyDictionary<string, object> parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from {schema}.mt_events e where ({condition}) and type <> 'tombstone' order by seq_id", connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await foreach (var e in Rows(command, ct)) yield return e;
    }

    /// <summary>
    /// The events in the order of a table of leaves (<c>leaf_index</c>, <c>seq_id</c>, <c>leaf_hash</c>), each with the hash
    /// stored for it; the event is null where its row is gone.
    /// </summary>
    public static async IAsyncEnumerable<(long Sequence, StoredEvent? Event, byte[] StoredHash)> ReadInLeafOrder(NpgsqlConnection connection, string schema,
        string leafTable, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns}, l.seq_id, l.leaf_hash from {schema}.{leafTable} l left join {schema}.mt_events e on e.seq_id = l.seq_id order by l.leaf_index",
            connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return (reader.GetInt64(12), reader.IsDBNull(0) ? null : Row(reader), reader.GetFieldValue<byte[]>(13));
    }

    /// <summary>
    /// Rows the leaves do not account for: a row without a leaf at or below the last leafed sequence (inserted among leafed
    /// ones), and a row marked archived (the registry archives nothing).
    /// </summary>
    public static async IAsyncEnumerable<(long Sequence, Guid StreamId, bool Archived, bool Unleafed)> Unaccounted(NpgsqlConnection connection,
        string schema, string leafTable, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, e.stream_id, e.is_archived, l.seq_id is null from {schema}.mt_events e
            left join {schema}.{leafTable} l on l.seq_id = e.seq_id
            where e.type <> 'tombstone' and (e.is_archived or (l.seq_id is null and e.seq_id <= (select max(seq_id) from {schema}.{leafTable})))
            order by e.seq_id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return (reader.GetInt64(0), reader.IsDBNull(1) ? Guid.Empty : reader.GetGuid(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    private static async IAsyncEnumerable<StoredEvent> Rows(NpgsqlCommand command, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Row(reader);
    }

    private static StoredEvent Row(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetGuid(1),
        reader.IsDBNull(2) ? Guid.Empty : reader.GetGuid(2),
        reader.GetInt64(3),
        reader.GetString(4),
        StoredEvent.Microseconds(reader.GetFieldValue<DateTime>(5)),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetBoolean(11));
}
