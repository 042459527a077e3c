using Marten;
using Registry.Api.Bulk;
using Registry.Api.Quality;
using Wolverine;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Background work (imports, cleaning runs) left Pending or Running by a stopped server is queued again once the
/// application has started; each kind resumes where its own record says.
/// </summary>
public sealed class UnfinishedWorkRecovery(IDocumentStore store, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    ILogger<UnfinishedWorkRecovery> logger) : IHostedService
{
    private static async Task<IEnumerable<object>> Imports(IQuerySession query, CancellationToken ct) =>
        (await query.Query<ImportRecord>().Where(r => r.Status == ImportStatus.Pending || r.Status == ImportStatus.Running)
            .Select(r => r.Id).ToListAsync(ct)).Select(id => (object)new RunImport(id));

    private static async Task<IEnumerable<object>> CleaningRuns(IQuerySession query, CancellationToken ct) =>
        (await query.Query<DataQualityRun>().Where(r => r.Status == DataQualityRunStatus.Pending || r.Status == DataQualityRunStatus.Running)
            .Select(r => r.Id).ToListAsync(ct)).Select(id => (object)new RunDataQuality(id));

    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStarted.Register(() => _ = Resume(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task Resume(CancellationToken ct)
    {
        try
        {
            await using var query = store.QuerySession();
            var open = (await Imports(query, ct)).Concat(await CleaningRuns(query, ct)).ToList();
            if (open.Count == 0) return;
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            foreach (var message in open) await bus.PublishAsync(message);
            logger.LogInformation("Resumed {Count} unfinished imports and cleaning runs", open.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Unfinished imports and cleaning runs could not be resumed; they resume on the next start");
        }
        catch (OperationCanceledException)
        {
            // The application stopped while resuming.
        }
    }
}
