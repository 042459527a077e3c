using Microsoft.Extensions.Options;

namespace Registry.Api.Audit.History;

/// <summary>Issues a checkpoint every <c>Audit:CheckpointEvery</c> when the log has grown since the latest one.</summary>
public sealed class CheckpointSchedule(CheckpointIssuer issuer, IOptions<AuditOptions> options, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckpointEvery is not { } every || every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await issuer.Issue("schedule", onlyIfGrown: true, stoppingToken) is { } issued)
                    logger.LogInformation("Checkpoint issued at tree size {TreeSize}", issued.TreeSize);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The scheduled checkpoint could not be issued; the next tick tries again");
            }
        }
    }
}
