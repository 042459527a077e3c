using Registry.Bench.Infrastructure;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>The API's resident set and GC heap under a sustained mix of writes and reads.</summary>
public static class MemoryPhase
{
    /// <summary>Flat: over the last half, memory grows by no more than this many MB per minute.</summary>
    private const double FlatSlopeMbPerMinute = 2;

    private static readonly IdNumbers Ids = new("500106");

    public static async Task Run(World world, BenchOptions options, Report report)
    {
        var pid = world.Process!.Pid;
        var clerks = new List<(string Token, string Village)>();
        for (var c = 0; c < options.MemoryClients; c++) clerks.Add(await world.Clerk(c));
        var current = new HouseholdHandle[options.MemoryClients];
        for (var c = 0; c < options.MemoryClients; c++) current[c] = await world.Api.Register(clerks[c].Token, clerks[c].Village, Ids);
        var fixedHistory = current[0];
        var step = new int[options.MemoryClients];

        Console.WriteLine($"memory: {options.MemoryClients} clients for {options.MemoryDuration.TotalMinutes:0.#} min");
        using var heap = RuntimeCounters.TryStart(pid);
        Latencies load;
        IReadOnlyList<MemorySample> samples;
        await using (var sampler = new MemorySampler(pid, heap))
        {
            sampler.Start();
            // Each client registers a household, changes it, assesses its income and reads it back, so no stream grows without
            // bound and the load stays the same from the first minute to the last.
            load = await Load.Run(options.MemoryClients, options.MemoryDuration, async c =>
            {
                var (token, village) = clerks[c];
                switch (step[c]++ % 5)
                {
                    case 0: return await world.Api.ChangeMember(current[c]);
                    case 1: return await world.Api.AssessIncome(current[c]);
                    case 2: return await world.Api.Get($"/api/households/{current[c].Id}", token);
                    case 3: return await world.Api.Get($"/api/households/{fixedHistory.Id}/history", clerks[0].Token);
                    default:
                        current[c] = await world.Api.Register(token, village, Ids);
                        return true;
                }
            });
            await Task.Delay(1500);
            samples = sampler.Samples;
        }
        var first = samples.FirstOrDefault(s => !double.IsNaN(s.GcHeapMb)) ?? samples[0];
        var half = samples.Where(s => s.At >= samples[^1].At / 2).ToList();
        var rssSlope = MemorySampler.Slope(half, s => s.RssMb);
        var heapSlope = MemorySampler.Slope(half, s => s.GcHeapMb);
        var flat = rssSlope <= FlatSlopeMbPerMinute && (double.IsNaN(heapSlope) || heapSlope <= FlatSlopeMbPerMinute);
        var judged = options.MemoryDuration >= TimeSpan.FromMinutes(10);
        report.Judge(new Target($"API memory under {options.MemoryDuration.TotalMinutes:0.#} min of load", "flat (≤ 2 MB/min growth over the last half)",
            $"RSS {N(rssSlope, 2)} MB/min, GC heap {N(heapSlope, 2)} MB/min, peak {N(samples.Max(s => s.HwmMb))} MB",
            judged ? flat : null));
        var minute = samples.GroupBy(s => (int)s.At.TotalMinutes).Select(g => g.Last())
            .Select(s => new[] { N(s.At.TotalSeconds), N(s.RssMb, 1), N(s.HwmMb, 1), N(s.GcHeapMb, 1) });
        report.Section("Memory", $"""
            {options.MemoryClients} clients for {options.MemoryDuration.TotalMinutes:0.#} min, each cycling through: member update, income assessment,
            GET the household, GET the history of one fixed household, register a new household (which becomes its next target).
            {N(load.PerSecond)} operations/s, p99 {Ms(load.P99Ms)} ms, {load.Errors} errors. Sampled once a second: VmRSS and VmHWM from
            `/proc/{pid}/status`; GC heap from the runtime's `gc-heap-size` counter over the diagnostics port.
            "Flat" means a least-squares slope over the last half of at most {FlatSlopeMbPerMinute} MB/min for both RSS and GC heap
            {(judged ? "" : "(not judged: shorter than 10 minutes)")}.

            {Table(["", "RSS MB", "GC heap MB"], [
                ["start", N(samples[0].RssMb, 1), N(first.GcHeapMb, 1)],
                ["peak sampled in this phase (RSS; GC heap)", N(samples.Max(s => s.RssMb), 1), N(samples.Where(s => !double.IsNaN(s.GcHeapMb)).Select(s => s.GcHeapMb).DefaultIfEmpty(double.NaN).Max(), 1)],
                ["peak of the process so far (VmHWM)", N(samples.Max(s => s.HwmMb), 1), "–"],
                ["end", N(samples[^1].RssMb, 1), N(samples[^1].GcHeapMb, 1)],
                ["slope over last half, MB/min", N(rssSlope, 2), N(heapSlope, 2)],
            ])}
            Verdict: **{(judged ? flat ? "flat" : "not flat" : "not judged")}**.

            Once a minute:

            {Table(["s", "RSS MB", "HWM MB", "GC heap MB"], minute)}
            """);
    }
}
