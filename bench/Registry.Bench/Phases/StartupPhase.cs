using System.Diagnostics;
using Registry.Bench.Infrastructure;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// A fresh API process to its first answers: ready, then a clerk's first registration, member change, income assessment,
/// household, history and roster. As built (Wolverine's handler code generated ahead and loaded from the assembly) against
/// the baseline of the same build told to generate and compile all of it at run time (<c>CodeGeneration:TypeLoadMode=Dynamic</c>),
/// in turn, pair by pair.
/// </summary>
public static class StartupPhase
{
    private const string Village = "500101130001";

    private static readonly IdNumbers Ids = new("500109");

    public static async Task Run(string db, BenchOptions options, string logDirectory, Report report)
    {
        var pairs = options.Quick ? 1 : 5;
        Console.WriteLine($"startup: {pairs} pairs of fresh API processes");
        Directory.CreateDirectory(logDirectory);
        // The first start applies the schema and makes the units; it is not counted.
        await using (var first = await ApiProcess.Start(options.ApiDll, db, Path.Combine(logDirectory, "startup-0.log")))
        {
            var world = await World.Create(first, db);
            world.Api.Dispose();
        }
        var built = new List<Start>();
        var dynamic = new List<Start>();
        for (var i = 0; i < pairs; i++)
        {
            built.Add(await Measure(options, db, Path.Combine(logDirectory, $"startup-{i}-built.log"), null));
            dynamic.Add(await Measure(options, db, Path.Combine(logDirectory, $"startup-{i}-dynamic.log"),
                new Dictionary<string, string> { ["CodeGeneration__TypeLoadMode"] = "Dynamic" }));
        }

        var wallRatio = Median(built.Zip(dynamic, (b, d) => b.FirstAnswers / d.FirstAnswers));
        var cpuRatio = Median(built.Zip(dynamic, (b, d) => b.CpuSeconds / d.CpuSeconds));
        report.Judge(new Target("fresh API to its first answers", "faster than generating the handler code at run time",
            $"{N(Median(built.Select(s => s.FirstAnswers)), 2)} s vs {N(Median(dynamic.Select(s => s.FirstAnswers)), 2)} s = {Ratio(wallRatio)}",
            wallRatio < 1));
        var rows = new[]
        {
            Row("handler code generated ahead (as built)", built, 1, 1),
            Row("baseline: generated and compiled at run time", dynamic, 1 / wallRatio, 1 / cpuRatio),
        };
        report.Section("Startup", $"""
            A new API process ({pairs} of each, in turn) against the bench database, timed from its launch: until `/health/ready`
            answers, then until a clerk's first answers (token, registration, member change, income assessment, household, history,
            roster) are all in; the API's CPU seconds and resident set at that moment. The baseline is the same build started with
            `CodeGeneration__TypeLoadMode=Dynamic`, which generates and compiles every route's handler code at run time (Wolverine's
            default). Medians; the ratio is taken pair by pair.

            {Table(["code", "ready (s)", "first answers (s)", "API CPU (s)", "API VmRSS (MB)", "ratio of time to as built", "ratio of CPU"], rows)}
            """);
    }

    private static string[] Row(string name, IReadOnlyList<Start> starts, double wallRatio, double cpuRatio) =>
    [
        name, N(Median(starts.Select(s => s.Ready)), 2), N(Median(starts.Select(s => s.FirstAnswers)), 2), N(Median(starts.Select(s => s.CpuSeconds)), 2),
        N(Median(starts.Select(s => s.RssMb))), Ratio(wallRatio), Ratio(cpuRatio),
    ];

    private static async Task<Start> Measure(BenchOptions options, string db, string log, IReadOnlyDictionary<string, string>? environment)
    {
        var clock = Stopwatch.StartNew();
        await using var api = await ApiProcess.Start(options.ApiDll, db, log, environment);
        var ready = clock.Elapsed.TotalSeconds;
        using var client = new ApiClient(api.BaseAddress);
        var token = await client.Token("startup-clerk", "VillageClerk", Village);
        var household = await client.Register(token, Village, Ids);
        var answered = await client.ChangeMember(household) & await client.AssessIncome(household)
            & await client.Get($"/api/households/{household.Id}", token) & await client.Get($"/api/households/{household.Id}/history", token)
            & await client.Get($"/api/households?org={Village}", token);
        if (!answered) throw new InvalidOperationException("A first request of a fresh API was refused; see its log.");
        var firstAnswers = clock.Elapsed.TotalSeconds;
        return new Start(ready, firstAnswers, ProcCpu.ProcessSeconds(api.Pid), MemorySampler.Read(api.Pid).RssMb);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Start(double Ready, double FirstAnswers, double CpuSeconds, double RssMb);
}
