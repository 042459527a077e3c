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

    /// <summary>Finished exports with a file or a record still to remove, and when: a schedule is not kept across a restart, the records are.</summary>
    public static async Task<IReadOnlyList<(ExpireExport Message, DateTimeOffset Due)>> Expiring(IQuerySession query, ExportRetention retention,
        CancellationToken ct) =>
        (await query.Query<ExportJob>().Where(r => r.ExpiresAt != null).ToListAsync(ct))
        .Select(job => (new ExpireExport(job.Id), retention.NextDue(job)!.Value)).ToList();

    private static async Task<IEnumerable<object>> CleaningRuns(IQuerySession query, CancellationToken ct) =>
        (await query.Query<DataQualityRun>().Where(r => r.Status == DataQualityRunStatus.Pending || r.Status == DataQualityRunStatus.Running)
            .Select(r => r.Id).ToListAsync(ct)).Select(id => (object)new RunDataQuality(id));

    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStarted.Register(() => _ = Resume(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private DeliveryOptions? Options(string tenant) => districts.PerDistrict ? new DeliveryOptions { TenantId = tenant } : null;

    private async Task Resume(CancellationToken ct)
    {
        try
        {
            // Each district database holds its own records; the work resumes tagged with that district.
            foreach (var tenant in districts.TenantIds)
            {
                await using var query = store.QuerySession(tenant);
                var open = await Unfinished(query, ct);
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                foreach (var (message, due) in await Expiring(query, scope.ServiceProvider.GetRequiredService<ExportRetention>(), ct))
                    await bus.ScheduleAsync(message, due, Options(tenant));
                if (open.Count == 0) continue;
                foreach (var message in open) await bus.PublishAsync(message, Options(tenant));
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
