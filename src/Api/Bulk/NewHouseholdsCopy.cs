using JasperFx.Events;
using Marten;
using Marten.Internal.Storage;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Households;
using Registry.Projections;
using Registry.Projections.Households;
using Registry.Projections.People;

namespace Registry.Api.Bulk;

/// <summary>
/// Writes a batch of new household streams, stamped and chained by <see cref="EventChain"/>, with PostgreSQL COPY: their
/// stream and event rows, the rows the inline projections would write for them (<see cref="HouseholdDetails"/> and the
/// person index, from the projections' own code) and any documents given, in one transaction with the session's
/// changes. The person index's primary key still refuses a person claimed by another household: the batch then fails
/// whole, as a session's commit would.
/// </summary>
public static class NewHouseholdsCopy
{
    // The only events a new household's stream carries from a sheet; any other would need the inline projections' full run.
    private static readonly HashSet<Type> Known = [typeof(HouseholdRegistered), typeof(HouseholdFactsRecorded)];

    /// <param name="pending">A session holding new streams of <see cref="HouseholdDetails"/> and nothing else; it is not saved.</param>
    /// <param name="documents">Documents to insert beside them, all new.</param>
    /// <param name="changes">Changes committed in the same transaction, after the copies.</param>
    public static async Task Write<TDocument>(IDocumentStore store, IDocumentSession pending, IReadOnlyCollection<TDocument> documents,
        Action<IDocumentSession> changes, CancellationToken ct) where TDocument : notnull
    {
        var streams = pending.PendingChanges.Streams().ToList();
        foreach (var stream in streams)
        {
            Check(stream);
            foreach (var e in stream.Events) e.UserName = pending.LastModifiedBy;
        }
        var tenant = await store.Options.Tenancy.GetTenantAsync(pending.TenantId);
        var database = tenant.Database;
        await database.EnsureStorageExistsAsync(typeof(IEvent), ct);
        await database.EnsureStorageExistsAsync(typeof(HouseholdSnapshot), ct);
        await database.EnsureStorageExistsAsync(typeof(HouseholdDetails), ct);
        await database.EnsureStorageExistsAsync(typeof(PersonIndexEntry), ct);
        await database.EnsureStorageExistsAsync(typeof(TDocument), ct);

        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var schema = store.Options.Events.DatabaseSchemaName;
        var events = streams.SelectMany(s => s.Events).ToList();
        if (events.Count > 0)
        {
            var now = await Number(connection, schema, events, ct);
            await CopyStreams(connection, schema, store, streams, now, ct);
            await CopyEvents(connection, schema, store.Options.Serializer(), streams, now, ct);
            var snapshots = streams.Select(Snapshot).ToList();
            await Load(tenant, store, connection, snapshots, ct);
            await Revise<HouseholdSnapshot>(connection, tenant, snapshots, ct);
            await Load(tenant, store, connection, snapshots.Select(HouseholdDetails.Of).ToList(), ct);
            await Revise<HouseholdDetails>(connection, tenant, snapshots, ct);
            await Load(tenant, store, connection, streams.SelectMany(s => PersonIndexProjection.Claims((HouseholdRegistered)s.Events[0].Data, s.Id)).ToList(), ct);
        }
        if (documents.Count > 0) await Load(tenant, store, connection, documents, ct);

        var options = Marten.Services.SessionOptions.ForTransaction(tx);
        options.TenantId = pending.TenantId;
        await using (var session = store.LightweightSession(options))
        {
            // The one inline projection whose rows the copies above do not write, by its own code.
            await new HouseholdTotalsProjection().ApplyAsync(session, events, ct);
            changes(session);
            await session.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static void Check(StreamAction stream)
    {
        if (stream.ActionType != StreamActionType.Start || stream.AggregateType != typeof(HouseholdDetails))
            throw new InvalidOperationException($"Stream {stream.Id} is not a new household.");
        if (stream.Events[0].Data is not HouseholdRegistered)
            throw new InvalidOperationException($"Stream {stream.Id} does not open with its registration.");
        foreach (var e in stream.Events)
        {
            if (!Known.Contains(e.EventType)) throw new InvalidOperationException($"Event {e.EventTypeName} is not written in bulk.");
            if (!EventChain.IsChained(e)) throw new InvalidOperationException($"Event {e.EventTypeName} on stream {stream.Id} was not stamped and chained.");
        }
    }

    /// <summary>Gives each event its version and global sequence, as an append does; returns the transaction's time.</summary>
    private static async Task<DateTimeOffset> Number(NpgsqlConnection connection, string schema, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select now(), array(select nextval('{schema}.mt_events_sequence') from generate_series(1, @count))", connection);
        command.Parameters.AddWithValue("count", events.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var now = reader.GetFieldValue<DateTimeOffset>(0);
        var sequences = reader.GetFieldValue<long[]>(1);
        Array.Sort(sequences);
        for (var i = 0; i < events.Count; i++)
        {
            events[i].Sequence = sequences[i];
            events[i].Timestamp = now;
            if (events[i].Id == Guid.Empty) events[i].Id = Guid.CreateVersion7();
        }
        return now;
    }

    private static async Task CopyStreams(NpgsqlConnection connection, string schema, IDocumentStore store, IReadOnlyList<StreamAction> streams,
        DateTimeOffset now, CancellationToken ct)
    {
        var alias = ((Marten.Events.EventGraph)store.Options.Events).AggregateAliasFor(typeof(HouseholdDetails));
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {schema}.mt_streams (id, type, version, timestamp, created, tenant_id) from stdin (format binary)", ct);
        foreach (var stream in streams)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(stream.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(alias, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((long)stream.Events.Count, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(stream.TenantId, NpgsqlDbType.Varchar, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task CopyEvents(NpgsqlConnection connection, string schema, ISerializer serializer, IReadOnlyList<StreamAction> streams,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers, user_name, is_archived) " +
            "from stdin (format binary)", ct);
        foreach (var stream in streams)
        {
            var version = 0L;
            foreach (var e in stream.Events)
            {
                e.Version = ++version;
                e.StreamId = stream.Id;
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(stream.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync(e.EventTypeName, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(stream.TenantId, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(e.DotNetTypeName, NpgsqlDbType.Varchar, ct);
                await Nullable(writer, e.CorrelationId, NpgsqlDbType.Varchar, ct);
                await Nullable(writer, e.Headers is { Count: > 0 } headers ? serializer.ToJson(headers) : null, NpgsqlDbType.Jsonb, ct);
                await Nullable(writer, e.UserName, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static Task Nullable(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    /// <summary>The household's snapshot after its events: the inline projection's own fold.</summary>
    private static HouseholdSnapshot Snapshot(StreamAction stream) =>
        stream.Events.Aggregate((HouseholdSnapshot?)null, (snapshot, e) => HouseholdSnapshotProjection.Next(snapshot, stream.Id, e.Version, e.Data, EventMetadata.HashOf(e)))
        ?? throw new InvalidOperationException($"Stream {stream.Id} makes no household.");

    /// <summary>
    /// A document's revision is its stream's version; the bulk loader writes every revision as 1, so only a household of more
    /// than one event is rewritten (an update of a row that would not change still writes a new row version).
    /// </summary>
    private static async Task Revise<T>(NpgsqlConnection connection, Tenant tenant, IReadOnlyList<HouseholdSnapshot> households, CancellationToken ct)
        where T : notnull
    {
        var table = tenant.Database.Providers.StorageFor<T>().QueryOnly.TableName.QualifiedName;
        await using var command = new NpgsqlCommand(
            $"update {table} set mt_version = v.version from unnest(@ids, @versions) as v(id, version) where {table}.id = v.id and {table}.mt_version <> v.version",
            connection);
        command.Parameters.AddWithValue("ids", households.Select(h => h.Id).ToArray());
        command.Parameters.AddWithValue("versions", households.Select(h => h.Version).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Task Load<T>(Tenant tenant, IDocumentStore store, NpgsqlConnection connection, IReadOnlyCollection<T> documents, CancellationToken ct)
        where T : notnull =>
        ((MartenDocumentProvider<T>)tenant.Database.Providers.StorageFor<T>()).BulkLoader.LoadAsync(tenant, store.Options.Serializer(), connection, documents, ct);
}
