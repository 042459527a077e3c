using Microsoft.Extensions.Options;

namespace Registry.Api.Demo;

/// <summary>Loads the demo town at start-up, after the reference data is seeded, and only when Demo:Load is on.</summary>
public sealed class DemoStartup(DemoLoader loader, IOptions<DemoOptions> options, ILogger<DemoStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Load) return;
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
