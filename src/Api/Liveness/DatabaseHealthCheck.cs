using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Projections;

namespace Registry.Api.Liveness;

/// <summary>
/// Ready when every database this node serves answers (the single one, or each district's) and holds no read models that a
/// rebuild started and has not finished.
/// </summary>
public sealed class DatabaseHealthCheck(IDocumentStore store, Tenancy.Districts districts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            foreach (var tenant in districts.TenantIds)
            {
                await using var session = store.QuerySession(tenant);
                if (await UnfinishedRebuild.Any(session, ct))
                    return HealthCheckResult.Unhealthy($"A rebuild of the read models of {tenant} has not finished: run `rebuild` until it does.");
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
