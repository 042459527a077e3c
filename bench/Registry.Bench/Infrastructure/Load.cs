using System.Diagnostics;

namespace Registry.Bench.Infrastructure;

/// <summary>Closed-loop load: each client sends its next operation as soon as the last one answered, until the time is up.</summary>
public static class Load
{
    /// <param name="operation">One operation of client <c>i</c>; false when it failed (counted as an error, not as a latency).</param>
    public static async Task<Latencies> Run(int clients, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var perClient = Enumerable.Range(0, clients).Select(_ => new List<double>()).ToArray();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await operation(i);
                if (ok) perClient[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        })));
        return Latencies.From(perClient.SelectMany(x => x), errors, clock.Elapsed);
    }

    /// <summary>One client, a fixed number of operations after a few unmeasured ones.</summary>
    /// <param name="before">Unmeasured work before each operation, such as a write the operation then reads.</param>
    public static async Task<Latencies> Sequential(int samples, Func<Task<bool>> operation, int warmUp = 10, Func<Task>? before = null)
    {
        for (var i = 0; i < warmUp; i++) await operation();
        var times = new List<double>(samples);
        var errors = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            if (before is not null) await before();
            var start = Stopwatch.GetTimestamp();
            if (await operation()) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            else errors++;
        }
        return Latencies.From(times, errors, clock.Elapsed);
    }
}
