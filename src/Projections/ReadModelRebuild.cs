using System.Diagnostics;
using JasperFx.Events.Daemon;
using Marten;

namespace Registry.Projections;

/// <summary>How long one projection's rebuild took, from the start of the whole rebuild to its own end.</summary>
public sealed record ProjectionRebuilt(string Name, string Lifecycle, TimeSpan Took, TimeSpan FinishedAfter);

/// <summary>
/// Rebuilds every read model from the event log, the projections side by side: each reads the log in pages of its own batch
/// size and writes through Marten's rebuild path (binary COPY where a page's writes are inserts). Projections that read other
/// read models' documents (<see cref="RegistryStore.RebuiltAfterTheOthers"/>) start once those are rebuilt.
/// </summary>
public static class ReadModelRebuild
{
    /// <param name="concurrency">How many projections rebuild at once; the machine's cores by default.</param>
    public static async Task<IReadOnlyList<ProjectionRebuilt>> All(DocumentStore store, IProjectionDaemon daemon, TimeSpan timeout,
        CancellationToken ct, int? concurrency = null, Action<string>? progress = null)
    {
        var projections = store.Options.Projections.All.ToList();
        var first = projections.Where(p => !RegistryStore.RebuiltAfterTheOthers.Contains(p.Name)).ToList();
        var after = projections.Except(first).ToList();
        var results = new List<ProjectionRebuilt>();
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency ?? Environment.ProcessorCount));

        async Task Rebuild(string name, string lifecycle)
        {
            await slots.WaitAsync(ct);
            try
            {
                progress?.Invoke($"rebuilding {name}");
                var own = Stopwatch.StartNew();
                await daemon.RebuildProjectionAsync(name, timeout, ct);
                lock (results) results.Add(new ProjectionRebuilt(name, lifecycle, own.Elapsed, clock.Elapsed));
                progress?.Invoke($"rebuilt {name} in {own.Elapsed.TotalSeconds:0.0} s");
            }
            finally
            {
                slots.Release();
            }
        }

        await Task.WhenAll(first.Select(p => Rebuild(p.Name, p.Lifecycle.ToString())));
        await Task.WhenAll(after.Select(p => Rebuild(p.Name, p.Lifecycle.ToString())));
        return results.OrderBy(r => r.FinishedAfter).ToList();
    }
}
