using Microsoft.Extensions.Options;

namespace Registry.Demo;

/// <summary>Loads the demo town at start-up, after the reference data is seeded, only when Demo:Load is on and only in Development.</summary>
public sealed class DemoStartup(DemoLoader loader, IOptions<DemoOptions> options, IHostEnvironment environment, ILogger<DemoStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Load) return;
        // Synthetic households and ID numbers must never mix with a real registry's records.
        if (!environment.IsDevelopment())
        {
            logger.LogWarning("Demo town not loaded: demo data is loaded only in the Development environment");
            return;
        }
        try
        {
            await loader.Load(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Demo data is a convenience: the registry starts without it.
            logger.LogError(e, "Demo town {Town} could not be loaded", options.Value.TownCode);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
