using Marten;
using Wolverine;

namespace Registry.Api.Bulk;

/// <summary>Imports left Pending or Running by a stopped server are queued again once the application has started.</summary>
public sealed class ImportRecovery(IDocumentStore store, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ImportRecovery> logger)
    : IHostedService
{
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
            var open = await query.Query<ImportRecord>()
                .Where(r => r.Status == ImportStatus.Pending || r.Status == ImportStatus.Running)
                .Select(r => r.Id)
                .ToListAsync(ct);
            if (open.Count == 0) return;
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            foreach (var id in open) await bus.PublishAsync(new RunImport(id));
            logger.LogInformation("Resumed {Count} unfinished imports", open.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Unfinished imports could not be resumed; they resume on the next start");
        }
        catch (OperationCanceledException)
        {
            // The application stopped while resuming.
        }
    }
}
