using System.Collections.Concurrent;
using Marten;
using Registry.Domain.Common;

namespace Registry.Api.Bulk;

/// <summary>Runs an accepted import to its end and records how it ended; a failure of the file is the import's, never the server's.</summary>
public sealed class ImportRunner(IDocumentStore store, TimeProvider clock, Hardening.UserQuotas quotas, ILogger<ImportRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, byte> _running = new();

    public async Task Run(Guid importId, string tenant, CancellationToken ct)
    {
        // The upload and the start-up recovery may both ask for the same import.
        if (!_running.TryAdd(importId, 0)) return;
        try
        {
            // So may the start-up recovery of every node: one node runs it.
            await using var lease = await Infrastructure.JobLease.TryTake(store, tenant, "import", importId, ct);
            if (lease is null) return;
            ImportRecord? record;
            await using (var query = store.QuerySession(tenant)) record = await query.LoadAsync<ImportRecord>(importId, ct);
            if (record is null || record.IsFinished) return;
            var run = new ImportRun(store, tenant, record, clock, quotas, lease);
            try
            {
                await run.Execute(ct);
                await run.Finish(ImportStatus.Completed, null, ct);
            }
            catch (Infrastructure.JobLeaseLost)
            {
                logger.LogWarning("Import {ImportId} stopped: its lease was lost, so another node may run it", importId);
            }
            catch (DomainRefusal refusal)
            {
                await run.Finish(ImportStatus.Failed, new ImportFailure(refusal.Code, refusal.Message), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Import {ImportId} failed", importId);
                await run.Finish(ImportStatus.Failed,
                    new ImportFailure("import.failed", "The import stopped on an unexpected error; the households already applied stay applied."),
                    CancellationToken.None);
            }
        }
        finally
        {
            _running.TryRemove(importId, out _);
        }
    }
}
