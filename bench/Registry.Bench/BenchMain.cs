using System.Diagnostics;
using System.Runtime.InteropServices;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using Registry.Bench.Phases;

namespace Registry.Bench;

public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (HelpRequested)
        {
            Console.WriteLine(BenchOptions.Help);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Help);
            return 2;
        }

        var started = DateTimeOffset.UtcNow;
        var stamp = started.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'");
        Directory.CreateDirectory(options.ResultsDirectory);
        var background = new CpuWindow(null);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (_, idleBusy) = background.End();
        var loadBefore = ProcCpu.LoadAverage();

        var db = await BenchDatabase.Recreate(options.ConnectionString);
        await RawTables.Create(db);
        var report = new Report();
        var clock = Stopwatch.StartNew();
        var run = new CpuWindow(null);
        var apiPhases = BenchOptions.AllPhases.Where(p => p is not ("rebuild" or "verify" or "cluster" or "startup") && options.Runs(p)).ToList();
        if (apiPhases.Count > 0)
        {
            await using var api = await ApiProcess.Start(options.ApiDll, db, Path.Combine(options.ResultsDirectory, $"{stamp}-api.log"));
            var world = await World.Create(api, db);
            if (options.Runs("commands")) await CommandsPhase.Run(world, options, report);
            if (options.Runs("writepath")) await WritePathPhase.Run(world, options, report);
            if (options.Runs("import")) await ImportPhase.Run(world, options, report);
            if (options.Runs("reads")) await ReadsPhase.Run(world, options, report);
            if (options.Runs("statistics")) await StatisticsPhase.Run(world, options, report);
            if (options.Runs("memory")) await MemoryPhase.Run(world, options, report);
            world.Api.Dispose();
        }
        // With the API stopped, its async daemon does not compete with the seeding and the rebuild.
        if (options.Runs("rebuild")) await RebuildPhase.Run(db, options, report);
        if (options.Runs("verify")) await VerifyPhase.Run(db, options, report);
        // Its own databases and API processes: a database per district, one node and then two.
        if (options.Runs("cluster")) await ClusterPhase.Run(options, stamp, report);
        // Fresh API processes of their own, one after another, on the bench database.
        if (options.Runs("startup")) await StartupPhase.Run(db, options, Path.Combine(options.ResultsDirectory, $"{stamp}-startup"), report);
        var (_, runBusy) = run.End();

        var conditions = await Conditions(options, db, started, clock.Elapsed, idleBusy, loadBefore, runBusy);
        var markdown = report.Render($"Registry benchmark, {started:yyyy-MM-dd HH:mm} UTC{(options.Quick ? " (quick)" : "")}", conditions);
        var file = Path.Combine(options.ResultsDirectory, $"{stamp}{(options.Quick ? "-quick" : "")}.md");
        await File.WriteAllTextAsync(file, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Report written to {file}");
        return 0;
    }

    private static async Task<string> Conditions(BenchOptions options, string db, DateTimeOffset started, TimeSpan elapsed, double idleBusy,
        double loadBefore, double runBusy)
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        return $"""
            - Started {started:yyyy-MM-dd HH:mm:ss} UTC, took {elapsed.TotalMinutes:0.0} min; mode: {(options.Quick ? "quick (small sizes, short durations: a smoke check, not figures to quote)" : "full")}.
            - Machine: {Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024.0:0.0} GiB RAM; {RuntimeInformation.OSDescription}.
            - PostgreSQL {await BenchDatabase.ServerVersion(db)} (database `{BenchDatabase.Name}`, made anew for this run); .NET {Environment.Version}; API built in Release (`{options.ApiDll}`, written {File.GetLastWriteTimeUtc(options.ApiDll):yyyy-MM-dd HH:mm:ss} UTC), run with `ASPNETCORE_ENVIRONMENT=Development`.
            - Everything runs on the same cores: the API, PostgreSQL and this load generator. The machine is shared: in the 5 s before
              the run {Markdown.Pct(idleBusy)} of all {Environment.ProcessorCount} cores were busy with other work (load average {loadBefore:0.00}); over the run all cores
              were {Markdown.Pct(runBusy)} busy in all.{(idleBusy > 0.1 ? " Other work was running: figures are low by an unknown share." : "")}
            """;
    }
}
