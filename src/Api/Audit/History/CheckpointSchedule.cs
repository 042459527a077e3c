using Microsoft.Extensions.Options;

namespace Registry.Api.Audit.History;

/// <summary>Issues a checkpoint every <c>Audit:CheckpointEvery</c> when the log has grown since the latest one.</summary>
public sealed class CheckpointSchedule(CheckpointIssuer issuer, CheckpointKeyRing keys, Tenancy.Districts districts, IOptions<AuditOptions> options,
    TimeProvider clock, ILogger<CheckpointSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckpointEvery is not { } every || every <= TimeSpan.Zero) return;
        if (keys.Signing is null)
        {
            // Said once, not at every tick: without a key nothing can be signed until the service is configured and restarted.
            logger.LogWarning("Scheduled checkpoints are off: no checkpoint key is configured (Audit:CheckpointKey), so history is not anchored");
            return;
        }
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Each district database holds its own log, so each has its own tree and checkpoints.
            foreach (var tenant in districts.TenantIds)
                try
                {
                    if (await issuer.Issue(tenant, "schedule", onlyIfGrown: true, stoppingToken) is { } issued)
                        logger.LogInformation("Checkpoint issued for {Tenant} at tree size {TreeSize}", tenant, issued.TreeSize);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The scheduled checkpoint for {Tenant} could not be issued; the next tick tries again", tenant);
                }
        }
    }
}
