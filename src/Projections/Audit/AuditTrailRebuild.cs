using JasperFx;
using Marten;
using Marten.Internal.Storage;
using Npgsql;

namespace Registry.Projections.Audit;

/// <summary>
/// The audit trail written again for a rebuild, beside the projection daemon's single pass rather than through it: the pass
/// hands over each page's events (<see cref="AuditTrailTap"/>), the entries are made by the live projection's own
/// <see cref="AuditProjection.Entry"/> and written by binary COPY, their totals per unit (<see cref="AuditTotals"/>) counted
/// as they are made, and the trail's progress set to the log's end, all in one transaction (the old trail stays until it
/// commits). Before it commits, the entries written are counted against the log's
/// audited events, so a page the pass skipped or stopped short of leaves the old trail in place. The daemon's own insert of
/// the trail, reading the log apart from the pass, made it the rebuild's longest part (docs/benchmarks.md, §5).
/// </summary>
public static class AuditTrailRebuild
{
    /// <param name="store">A store over the database to rebuild (the rebuild's own).</param>
    /// <param name="tap">The pass's pages; finished by whoever runs the pass, and by this writer when it fails.</param>
    public static async Task Run(DocumentStore store, NpgsqlDataSource dataSource, AuditTrailTap tap, TimeSpan timeout,
        CancellationToken cancellation)
    {
        try
        {
            await Write(store, dataSource, tap, timeout, cancellation);
        }
        catch (Exception e)
        {
            tap.Finish(e);
            throw;
        }
    }

    private static async Task Write(DocumentStore store, NpgsqlDataSource dataSource, AuditTrailTap tap, TimeSpan timeout,
        CancellationToken cancellation)
    {
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
        // Counted while the first pages come.
        var audited = Audited(dataSource, schema, end, ct);

        // A page the daemon applies again after a failure is handed over again: each event is written once.
        var written = new HashSet<long>();
        var byUnit = new Dictionary<string, long>();
        try
        {
            await foreach (var events in tap.Pages.ReadAllAsync(ct))
            {
                var page = events.Where(e => e.Sequence <= end && written.Add(e.Sequence)).Select(AuditProjection.Entry).ToList();
                foreach (var entry in page) byUnit[entry.UnitCode] = byUnit.GetValueOrDefault(entry.UnitCode) + 1;
                if (page.Count > 0) await loader.LoadAsync(tenant, serializer, writing, page, ct);
            }
        }
        catch
        {
            // The count is stopped and waited for, so that its own failure is not left unobserved; the writer's is the one told.
            await stop.CancelAsync();
            await audited.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        var expected = await audited;
        if (written.Count != expected)
            throw new InvalidOperationException(
                $"The audit trail's rebuild was handed {written.Count:N0} of the log's {expected:N0} audited events up to {end}: the old trail stays.");

        await using (var progress = new NpgsqlCommand(
            $"insert into {schema}.mt_event_progression (name, last_seq_id, last_updated) values (@name, @end, now()) " +
            "on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated", writing, tx))
        {
            progress.Parameters.AddWithValue("name", $"{AuditProjection.ProjectionName}:All");
            progress.Parameters.AddWithValue("end", end);
            await progress.ExecuteNonQueryAsync(ct);
        }
        await AuditTotals.Replace(writing, tx, schema, byUnit, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<long> Audited(NpgsqlDataSource dataSource, string schema, long end, CancellationToken ct)
    {
        await using var count = dataSource.CreateCommand(
            $"select count(*) from {schema}.mt_events where seq_id <= @end and type = any(@types) and is_archived = false");
        // A scan of the whole log beside the pass may take longer than a statement's default 30 s; the rebuild's timeout bounds it.
        count.CommandTimeout = 0;
        count.Parameters.AddWithValue("end", end);
        count.Parameters.AddWithValue("types", EventTypes.Names.Values.ToArray());
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }
}
