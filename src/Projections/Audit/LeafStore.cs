using System.Runtime.CompilerServices;
using Marten;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;
using Registry.Ledger;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.Audit;

/// <summary>
/// The Merkle tree's leaves, one row per event in sequence order, appended and never changed: checkpoints and proofs
/// read them instead of hashing the whole store again. Rows carry the stream, version and recorded instant the hash was
/// taken from, so a leaf that no longer matches its event can say what changed.
/// </summary>
public static class LeafStore
{
    public const string Table = "audit_leaves";

    /// <summary>Any 64-bit number of the application's own, so two issuers never append leaves at once.</summary>
    private const long AppendLock = 0x52656769_4C656166;

    public static void Configure(StoreOptions opts, string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("leaf_index", "bigint").AsPrimaryKey();
        table.AddColumn("seq_id", "bigint").NotNull();
        table.AddColumn("stream_id", "uuid").NotNull();
        table.AddColumn("version", "bigint").NotNull();
        table.AddColumn("recorded_at", "bigint").NotNull();
        table.AddColumn("leaf_hash", "bytea").NotNull();
        table.Indexes.Add(new IndexDefinition($"ux_{Table}_seq_id") { Columns = ["seq_id"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition($"ix_{Table}_stream_id") { Columns = ["stream_id"] });
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>The database of one tenant (the single database's tenant is Marten's default): each holds its own log and leaves.</summary>
    public static async Task<IMartenDatabase> Database(IDocumentStore store, string tenantId) => await store.Storage.FindOrCreateDatabase(tenantId);

    public static string Schema(IDocumentStore store) => store.Options.Events.DatabaseSchemaName;

    /// <summary>The sequence up to which the async daemon has seen every committed event, gaps decided.</summary>
    public static async Task<long> HighWaterMark(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'", connection);
        return await command.ExecuteScalarAsync(ct) is long mark ? mark : 0;
    }

    public static async Task<long> LastSequence(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> Count(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(leaf_index) + 1, 0) from {schema}.{Table}", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> LastLeafSequence(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.{Table}", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// How far below the last leaf to look for events that committed late: a transaction can take a sequence number, commit
    /// after later numbers did and after the daemon's high-water mark gave up waiting for it. Such an event becomes a leaf
    /// after those, in the order of the log as it was first seen.
    /// </summary>
    public const long LateWindow = 100_000;

    /// <summary>Appends a leaf for every event up to <paramref name="horizon"/> without one, in sequence order.</summary>
    /// <returns>The number of leaves.</returns>
    public static async Task<long> CatchUp(IMartenDatabase database, string schema, long horizon, CancellationToken ct)
    {
        await using var writer = database.CreateConnection();
        await writer.OpenAsync(ct);
        await using var tx = await writer.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({AppendLock})", writer, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        long next;
        long after;
        await using (var last = new NpgsqlCommand($"select coalesce(max(leaf_index) + 1, 0), coalesce(max(seq_id), 0) from {schema}.{Table}", writer, tx))
        await using (var reader = await last.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            next = reader.GetInt64(0);
            after = reader.GetInt64(1);
        }

        await using var source = database.CreateConnection();
        await source.OpenAsync(ct);
        await using (var import = await writer.BeginBinaryImportAsync(
            $"copy {schema}.{Table} (leaf_index, seq_id, stream_id, version, recorded_at, leaf_hash) from stdin (format binary)", ct))
        {
            var unleafed = EventLog.ReadWhere(source, schema,
                $"e.seq_id > @after and e.seq_id <= @horizon and not exists (select 1 from {schema}.{Table} l where l.seq_id = e.seq_id)",
                new Dictionary<string, object> { ["after"] = Math.Max(0, after - LateWindow), ["horizon"] = horizon }, ct);
            await foreach (var e in unleafed)
            {
                await import.StartRowAsync(ct);
                await import.WriteAsync(next++, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(e.StreamId, NpgsqlDbType.Uuid, ct);
                await import.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(e.RecordedAt, NpgsqlDbType.Bigint, ct);
                await import.WriteAsync(LeafEncoding.LeafHash(e), NpgsqlDbType.Bytea, ct);
            }
            await import.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return next;
    }

    /// <summary>The hashes of the first <paramref name="count"/> leaves.</summary>
    public static async Task<LeafBuffer> Hashes(NpgsqlConnection connection, string schema, long count, CancellationToken ct)
    {
        var buffer = new LeafBuffer();
        await using var command = new NpgsqlCommand($"select leaf_hash from {schema}.{Table} where leaf_index < @count order by leaf_index", connection);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) buffer.Add(reader.GetFieldValue<byte[]>(0));
        return buffer;
    }

    /// <summary>The leaf of an event, by its sequence.</summary>
    public static async Task<StoredLeaf?> OfSequence(NpgsqlConnection connection, string schema, long sequence, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"{Select(schema)} where seq_id = @seq", connection);
        command.Parameters.AddWithValue("seq", sequence);
        await foreach (var leaf in Rows(command, ct)) return leaf;
        return null;
    }

    /// <summary>Every leaf in sequence order, or those of some streams.</summary>
    public static async IAsyncEnumerable<StoredLeaf> Read(NpgsqlConnection connection, string schema, IReadOnlyCollection<Guid>? streams,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"{Select(schema)} {(streams is null ? "" : "where stream_id = any(@ids)")} order by seq_id", connection);
        if (streams is not null) command.Parameters.AddWithValue("ids", streams.ToArray());
        await foreach (var leaf in Rows(command, ct)) yield return leaf;
    }

    private static string Select(string schema) => $"select leaf_index, seq_id, stream_id, version, recorded_at, leaf_hash from {schema}.{Table}";

    private static async IAsyncEnumerable<StoredLeaf> Rows(NpgsqlCommand command, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new StoredLeaf(reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetFieldValue<byte[]>(5));
    }
}
