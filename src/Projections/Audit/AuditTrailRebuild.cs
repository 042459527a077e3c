using System.Threading.Channels;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Internal.Storage;
using Npgsql;

namespace Registry.Projections.Audit;

/// <summary>
/// The audit trail written again from the log for a rebuild, beside the projection daemon rather than through it: one
/// ordered read of the log's rows with the headers the trail shows as columns and each event's data deserialised from its
/// row, the entries made by the live projection's own <see cref="AuditProjection.Entry"/> and written by binary COPY, and
/// the trail's progress set to the log's end, all in one transaction (the old trail stays until it commits). The daemon's
/// loader reads every event and its whole header dictionary asynchronously, which made the trail the rebuild's longest
/// part (docs/benchmarks.md, §5). The trail's totals are then counted from it (<see cref="AuditTotals.Recount"/>).
/// </summary>
public static class AuditTrailRebuild
{
    private const int PageSize = 5_000;

    private static readonly string[] Headers =
        [EventMetadata.Unit, EventMetadata.UserId, EventMetadata.UserName, EventMetadata.Role, EventMetadata.Org, EventMetadata.Reason];

    /// <param name="store">A store over the database to rebuild (the rebuild's own).</param>
    public static async Task Run(DocumentStore store, NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken cancellation)
    {
        // A failed COPY stops the reading too.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stop.CancelAfter(timeout);
        var ct = stop.Token;
        var schema = store.Options.Events.DatabaseSchemaName;
        var tenant = await store.Options.Tenancy.GetTenantAsync(StorageConstants.DefaultTenantId);
        await tenant.Database.EnsureStorageExistsAsync(typeof(AuditEntry), ct);
        var loader = ((MartenDocumentProvider<AuditEntry>)tenant.Database.Providers.StorageFor<AuditEntry>()).BulkLoader;
        var serializer = store.Options.Serializer();

        await using var writing = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await writing.BeginTransactionAsync(ct);
        await using (var clear = new NpgsqlCommand($"delete from {((IReadOnlyStoreOptions)store.Options).Schema.For<AuditEntry>()}", writing, tx))
            await clear.ExecuteNonQueryAsync(ct);
        // A rebuild runs with the API stopped, so the log's last event is its end; a daemon writing the trail meanwhile would
        // make the COPY fail on a duplicate key, and this transaction with it.
        long end;
        await using (var last = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events", writing, tx))
            end = (long)(await last.ExecuteScalarAsync(ct))!;

        // Reading and deserialising the next page overlaps the COPY of the last.
        var pages = Channel.CreateBounded<List<AuditEntry>>(2);
        var reading = Read(store, dataSource, end, pages.Writer, ct);
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(ct)) await loader.LoadAsync(tenant, serializer, writing, page, ct);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            await reading;
        }

        await using (var progress = new NpgsqlCommand(
            $"insert into {schema}.mt_event_progression (name, last_seq_id, last_updated) values (@name, @end, now()) " +
            "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated", writing, tx))
        {
            progress.Parameters.AddWithValue("name", $"{AuditProjection.ProjectionName}:All");
            progress.Parameters.AddWithValue("end", end);
            await progress.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        await AuditTotals.Recount(dataSource, schema, ct);
    }

    /// <summary>Reads the log up to its end as it stood at the start, a page of entries at a time; never throws: a failure ends the pages.</summary>
    private static async Task Read(DocumentStore store, NpgsqlDataSource dataSource, long end, ChannelWriter<List<AuditEntry>> pages, CancellationToken ct)
    {
        try
        {
            var types = EventTypes.Names.ToDictionary(n => n.Value, n => n.Key);
            var serializer = store.Options.Serializer();
            var events = (Marten.Events.EventGraph)store.Options.Events;
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand($"""
                select seq_id, id, stream_id, version, type, "timestamp", correlation_id, data,
                  {string.Join(", ", Headers.Select((_, i) => $"headers->>@h{i}"))}
                from {store.Options.Events.DatabaseSchemaName}.mt_events
                where seq_id <= @end and type = any(@types) and is_archived = false order by seq_id
                """, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("end", end);
            command.Parameters.AddWithValue("types", types.Keys.ToArray());
            for (var i = 0; i < Headers.Length; i++) command.Parameters.AddWithValue($"h{i}", Headers[i]);
            await using var rows = await command.ExecuteReaderAsync(ct);
            var page = new List<AuditEntry>(PageSize);
            while (await rows.ReadAsync(ct))
            {
                var e = events.BuildEvent(serializer.FromJson(types[rows.GetString(4)], rows, 7));
                e.Sequence = rows.GetInt64(0);
                e.Id = rows.GetGuid(1);
                e.StreamId = rows.GetGuid(2);
                e.Version = rows.GetInt64(3);
                e.Timestamp = rows.GetFieldValue<DateTimeOffset>(5);
                e.CorrelationId = rows.IsDBNull(6) ? null : rows.GetString(6);
                e.Headers = [];
                for (var i = 0; i < Headers.Length; i++)
                    if (!rows.IsDBNull(8 + i)) e.Headers[Headers[i]] = rows.GetString(8 + i);
                page.Add(AuditProjection.Entry(e));
                if (page.Count < PageSize) continue;
                await pages.WriteAsync(page, ct);
                page = new List<AuditEntry>(PageSize);
            }
            if (page.Count > 0) await pages.WriteAsync(page, ct);
            pages.Complete();
        }
        catch (Exception e)
        {
            pages.Complete(e);
        }
    }
}
