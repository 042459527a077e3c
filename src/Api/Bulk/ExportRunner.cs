using System.Collections.Concurrent;
using Marten;
using Registry.Domain.Common;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Org;

namespace Registry.Api.Bulk;

/// <summary>
/// Writes a background export's file: the unit's households streamed from one query into a file a batch at a time, the
/// job's progress saved after each batch. A job found unfinished at start-up is written again from its beginning.
/// </summary>
public sealed class ExportRunner(IDocumentStore store, Tenancy.Districts districts, TimeProvider clock, SensitiveReads reads,
    ExportFiles files, ExportRetention retention, ILogger<ExportRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task>> _running = new();

    /// <summary>Runs the job to its end; the request and the start-up recovery may both ask for it, and both wait for the one run.</summary>
    /// <param name="tenant">The district database the job's record is kept in.</param>
    public Task Run(Guid jobId, string tenant, CancellationToken ct)
    {
        var run = _running.GetOrAdd(jobId, id => new Lazy<Task>(() => RunOnce(id, tenant, ct)));
        return run.Value;
    }

    private async Task RunOnce(Guid jobId, string tenant, CancellationToken ct)
    {
        try
        {
            // The start-up recovery of every node asks for it too: one node runs it.
            await using var lease = await Infrastructure.JobLease.TryTake(store, tenant, "export", jobId, ct);
            if (lease is null) return;
            ExportJob? job;
            await using (var query = store.QuerySession(tenant)) job = await query.LoadAsync<ExportJob>(jobId, ct);
            if (job is null || job.IsFinished) return;
            try
            {
                await Execute(job, lease, ct);
            }
            catch (JobLeaseLost)
            {
                logger.LogWarning("Export {ExportId} stopped: its lease was lost, so another node may run it", jobId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Export {ExportId} failed", jobId);
                await Save(Finished(job with { Status = ExportStatus.Failed, Failure = "export.failed" }), CancellationToken.None);
            }
        }
        finally
        {
            _running.TryRemove(jobId, out _);
        }
    }

    private async Task Execute(ExportJob requested, JobLease lease, CancellationToken ct)
    {
        var actor = requested.Requester!;
        var prefix = OrgCode.SignificantPrefix(requested.Org);
        var unmasked = actor.ReadsIdNumbers;
        var correlation = requested.CorrelationId ?? requested.Id.ToString("N");
        await using var query = store.QuerySession(districts.TenantOfUnit(requested.Org));
        var job = await Save(requested with
        {
            Status = ExportStatus.Running, StartedAt = clock.GetUtcNow(), Processed = 0,
            Total = await query.Query<Projections.Households.HouseholdDetails>().InUnit(prefix).CountAsync(ct),
        }, ct);

        var target = files.Of(job);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = files.PartOf(job);
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await Task.Run(() => HouseholdSheet.Write(file, job.Format, query, prefix, unmasked, RegistryCalendar.Today(clock.GetUtcNow()), async batch =>
            {
                await lease.EnsureHeld(ct);
                if (unmasked) await reads.RecordMany(actor, correlation, batch.Select(h => ReadTarget.Of(h.State)), "export", ct);
                // Progress counts the batch about to be written; the last one is counted when the file is complete.
                job = await Save(job with { Processed = job.Processed + batch.Count }, ct);
            }, ct), ct);
        }
        await lease.EnsureHeld(ct);
        File.Move(partial, target, overwrite: true);
        await Save(Finished(job with { Status = ExportStatus.Completed, Bytes = new FileInfo(target).Length }), ct);
    }

    private ExportJob Finished(ExportJob job)
    {
        var now = clock.GetUtcNow();
        return job with { FinishedAt = now, ExpiresAt = now + retention.RetainFor };
    }

    private async Task<ExportJob> Save(ExportJob job, CancellationToken ct)
    {
        await using var session = store.LightweightSession(districts.TenantOfUnit(job.Org));
        session.Store(job);
        await session.SaveChangesAsync(ct);
        return job;
    }
}
