using Marten;
using Weasel.Postgresql;
using Registry.Projections.Audit;

namespace Registry.Api.Audit;

/// <summary>
/// At start, counts the audit trail's totals again from the trail in a database older than the trail's projection keeping
/// them in its own transaction: where a projection of their own kept them (its progress may differ from the trail's), or
/// where there were none.
/// </summary>
public sealed class AuditTotalsCarryOver(IDocumentStore store, Tenancy.Districts districts, ILogger<AuditTotalsCarryOver> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        foreach (var tenant in districts.TenantIds)
        {
            var dataSource = ((PostgresqlDatabase)await store.Storage.FindOrCreateDatabase(tenant)).DataSource;
            if (await AuditTotals.RecountWhereKeptApart(dataSource, schema, ct))
                logger.LogInformation("Counted the audit trail's totals again from the trail in {Tenant}", tenant);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
