using Marten;
using Registry.Projections.Households;

namespace Registry.Api.Households;

/// <summary>At start, gives every household recorded before the write side kept snapshots of its own its snapshot.</summary>
public sealed class HouseholdSnapshotFill(IDocumentStore store, Tenancy.Districts districts, ILogger<HouseholdSnapshotFill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var tenant in districts.TenantIds)
            if (await HouseholdSnapshots.FillFromReadModels(store, tenant, ct) is > 0 and var made)
                logger.LogInformation("Made {Count} household snapshots from their read models in {Tenant}", made, tenant);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
