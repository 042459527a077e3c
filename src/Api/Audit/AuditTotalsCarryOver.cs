using Marten;
using Weasel.Postgresql;
using Registry.Projections.Audit;

namespace Registry.Api.Audit;

/// <summary>
/// At start, counts the audit trail's totals again from the trail in a database where a projection of their own kept them
/// (older than the trail's projection keeping them in its own transaction), whose progress may differ from the trail's.
/// </summary>
public sealed class AuditTotalsCarryOver(IDocumentStore store, Tenancy.Districts districts, ILogger<AuditTotalsCarryOver> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        foreach (var tenant in districts.TenantIds)
        {
            var dataSource = ((PostgresqlDatabase)await store.Storage.FindOrCreateDatabase(tenant)).DataSource;
            if (!await AuditTotals.WereKeptApart(dataSource, schema, ct)) continue;
            await AuditTotals.Recount(dataSource, schema, ct);
            logger.LogInformation("Counted the audit trail's totals again from the trail in {Tenant}", tenant);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
