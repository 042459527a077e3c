using Marten;
using Registry.Api.Audit.History;
using Registry.Api.Bulk;
using Registry.Api.Quality;
using Wolverine;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Background work (imports, cleaning runs, whole-store verifications, exports) left Pending or Running by a stopped server is queued again once the
/// application has started; each kind resumes where its own record says.
/// </summary>
public sealed class UnfinishedWorkRecovery(IDocumentStore store, Tenancy.Districts districts, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    ILogger<UnfinishedWorkRecovery> logger) : IHostedService
{
    private static async Task<IEnumerable<object>> Imports(IQuerySession query, CancellationToken ct) =>
        (await query.Query<ImportRecord>().Where(r => r.Status == ImportStatus.Pending || r.Status == ImportStatus.Running)
            .Select(r => r.Id).ToListAsync(ct)).Select(id => (object)new RunImport(id));

    private static async Task<IEnumerable<object>> Verifications(IQuerySession query, CancellationToken ct) =>
        (await query.Query<VerificationRun>().Where(r => r.Status == VerificationStatus.Pending || r.Status == VerificationStatus.Running)
            .Select(r => r.Id).ToListAsync(ct)).Select(id => (object)new RunVerification(id));

    /// <summary>The messages that take every unfinished piece of background work up again.</summary>
    public static async Task<IReadOnlyList<object>> Unfinished(IQuerySession query, CancellationToken ct) =>
        [.. await Imports(query, ct), .. await CleaningRuns(query, ct), .. await Verifications(query, ct), .. await Exports(query, ct)];

    private static async Task<IEnumerable<object>> Exports(IQuerySession query, CancellationToken ct) =>
        (await query.Query<ExportJob>().Where(r => r.Status == ExportStatus.Pending || r.Status == ExportStatus.Running)
            .Select(r => r.Id).ToListAsync(ct)).Select(id => (object)new RunExport(id));

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
            // Each district database holds its own records; the work resumes tagged with that district.
            foreach (var tenant in districts.TenantIds)
            {
                await using var query = store.QuerySession(tenant);
                var open = await Unfinished(query, ct);
                if (open.Count == 0) continue;
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                var options = districts.PerDistrict ? new DeliveryOptions { TenantId = tenant } : null;
                foreach (var message in open) await bus.PublishAsync(message, options);
                logger.LogInformation("Resumed {Count} unfinished imports, cleaning runs, verifications and exports in {Tenant}", open.Count, tenant);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Unfinished background work could not be resumed; it resumes on the next start");
        }
        catch (OperationCanceledException)
        {
            // The application stopped while resuming.
        }
    }
}
