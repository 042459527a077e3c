using Marten;
using Npgsql;
using Registry.Ledger;
using Registry.Projections.Audit;

namespace Registry.Api.Audit.History;

/// <summary>
/// Checks the whole store: the latest checkpoint's signature and root against the stored leaves, every event against its
/// leaf, then every household snapshot against a fold of its events. Progress and findings are saved as it goes.
/// </summary>
public sealed class StoreVerifier(IDocumentStore store, CheckpointKeyRing keys, TimeProvider clock, ILogger<StoreVerifier> logger)
{
    public async Task Run(Guid id, string tenant, CancellationToken ct)
    {
        // The request and the start-up recovery of every node may ask for it: one run at a time, on one node.
        await using var lease = await Infrastructure.JobLease.TryTake(store, tenant, "verification", id, ct);
        if (lease is null) return;
        VerificationRun run;
        await using (var query = store.QuerySession(tenant))
            run = await query.LoadAsync<VerificationRun>(id, ct) ?? throw new InvalidOperationException($"No verification {id}.");
        if (run.Status is VerificationStatus.Completed or VerificationStatus.Failed) return;
        try
        {
            run = await Verify(run, tenant, lease, ct);
        }
        catch (Infrastructure.JobLeaseLost)
        {
            logger.LogWarning("Verification {Id} stopped: its lease was lost, so another node may run it", id);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Verification {Id} failed", id);
            run = run with { Status = VerificationStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message };
        }
        await Save(run, tenant, ct);
    }

    private async Task<VerificationRun> Verify(VerificationRun run, string tenant, Infrastructure.JobLease lease, CancellationToken ct)
    {
        await using var log = await LogReaders.Open(store, tenant, ct);
        run = run with { Status = VerificationStatus.Running, EventsTotal = await Count(log.Events, log.Schema, ct) };
        await Save(run, tenant, ct);

        var audit = new LogAudit();
        var checkpoint = await CheckpointCheck.Of(await CheckpointIssuer.Latest(store, tenant, ct), keys, log.Leaves, log.Schema, audit, ct);
        run = run with { Checkpoint = checkpoint };
        var snapshots = new SnapshotCheck(store, tenant);
        await audit.Compare(EventLog.Read(log.Events, log.Schema, 0, null, ct), LeafStore.Read(log.Leaves, log.Schema, null, ct),
            async a =>
            {
                await lease.EnsureHeld(ct);
                await Save(run with { EventsChecked = a.EventsChecked, Findings = [.. a.Findings.Take(VerificationRun.MaxFindings)], FindingsTotal = a.Findings.Count },
                    tenant, ct);
            }, ct, observe: snapshots.Add);
        var snapshotsChecked = await snapshots.Compare(audit, ct);
        await lease.EnsureHeld(ct);
        return run with
        {
            Status = VerificationStatus.Completed,
            FinishedAt = clock.GetUtcNow(),
            EventsChecked = audit.EventsChecked,
            Uncovered = audit.Uncovered,
            SnapshotsChecked = snapshotsChecked,
            Findings = [.. audit.Findings.Take(VerificationRun.MaxFindings)],
            FindingsTotal = audit.Findings.Count,
            Valid = audit.Findings.Count == 0,
        };
    }

    private static async Task<long> Count(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events where type <> 'tombstone'", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task Save(VerificationRun run, string tenant, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        session.Store(run);
        await session.SaveChangesAsync(ct);
    }
}
