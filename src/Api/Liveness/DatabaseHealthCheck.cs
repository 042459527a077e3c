using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Api.Liveness;

/// <summary>Ready when every database this node serves answers: the single one, or each district's.</summary>
public sealed class DatabaseHealthCheck(IDocumentStore store, Tenancy.Districts districts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            foreach (var tenant in districts.TenantIds)
            {
                await using var session = store.QuerySession(tenant);
                await session.QueryAsync<int>("select 1", ct);
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
