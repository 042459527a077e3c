using System.Diagnostics;
using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Bench.Infrastructure;
using Registry.Domain.Access;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// A fresh API process to its first answers: ready, then a clerk's first registration, member change, income assessment,
/// household, history and roster. As deployed (Production: Wolverine's handler code generated ahead, every route built from
/// it at start, no schema applied, tokens signed with the service's key) and as a developer starts it (Development: the same
/// code loaded from the assembly, each route built at its first call), against the baseline of the same build told to
/// generate and compile all of it at run time (<c>CodeGeneration:TypeLoadMode=Dynamic</c>, Development), in turn.
/// </summary>
public static class StartupPhase
{
    private static readonly string Village = World.Villages[0];

    private static readonly IdNumbers Ids = new("500109");

    private sealed record Variant(string Name, IReadOnlyDictionary<string, string> Environment, Func<ApiClient, Task<string>> Token);

    public static async Task Run(string db, BenchOptions options, string logDirectory, Report report)
    {
        var rounds = options.Quick ? 1 : 5;
        Console.WriteLine($"startup: {rounds} rounds of three fresh API processes");
        Directory.CreateDirectory(logDirectory);
        // The first start applies the schema and makes the units; it is not counted.
        await using (var first = await ApiProcess.Start(options.ApiDll, db, Path.Combine(logDirectory, "startup-0.log")))
        {
            var world = await World.Create(first, db);
            world.Api.Dispose();
        }
        var key = "bench-startup-" + Guid.NewGuid().ToString("N");
        var issuer = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = key }), TimeProvider.System);
        Func<ApiClient, Task<string>> devToken = client => client.Token("startup-clerk", "VillageClerk", Village);
        Variant[] variants =
        [
            new("Production: generated ahead, built at start (as deployed)", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production", ["Auth__DevTokens"] = "false",
                ["Auth__SigningKey"] = key, ["EventStore__ApplySchema"] = "false",
            }, _ => Task.FromResult(issuer.Issue("startup-clerk", "测试村文", Role.VillageClerk, Village).Token)),
            new("Development: generated ahead, built at first call", new Dictionary<string, string>(), devToken),
            new("baseline: generated and compiled at run time (Development)", new Dictionary<string, string> { ["CodeGeneration__TypeLoadMode"] = "Dynamic" },
                devToken),
        ];
        var starts = variants.ToDictionary(v => v, _ => new List<Start>());
        for (var i = 0; i < rounds; i++)
            foreach (var v in variants)
                starts[v].Add(await Measure(options, db, Path.Combine(logDirectory, $"startup-{i}-{Array.IndexOf(variants, v)}.log"), v));

        var baseline = starts[variants[^1]];
        var production = starts[variants[0]];
        var wallRatio = Median(production.Zip(baseline, (p, b) => p.FirstAnswers / b.FirstAnswers));
        report.Judge(new Target("fresh API to its first answers, as deployed", "faster than generating the handler code at run time",
            $"{N(Median(production.Select(s => s.FirstAnswers)), 2)} s vs {N(Median(baseline.Select(s => s.FirstAnswers)), 2)} s = {Ratio(wallRatio)}",
            wallRatio < 1));
        var rows = variants.Select(v => Row(v.Name, starts[v], baseline));
        report.Section("Startup", $"""
            A new API process ({rounds} of each, in turn) against the bench database, timed from its launch: until `/health/ready`
            answers, then until a clerk's first answers (token, registration, member change, income assessment, household, history,
            roster) are all in; the API's CPU seconds and resident set at that moment. Production runs the handler code generated
            ahead (`TypeLoadMode.Static`: every route built at start), applies no schema and takes tokens signed with its key;
            Development loads the same code from the assembly and builds each route at its first call (`Auto`); the baseline is
            Development told to generate and compile every route's handler code at run time (`CodeGeneration__TypeLoadMode=Dynamic`,
            Wolverine's default). Medians; ratios to the baseline taken start by start within a round.

            {Table(["code", "ready (s)", "first answers (s)", "API CPU (s)", "API VmRSS (MB)", "time ÷ baseline", "CPU ÷ baseline"], rows)}
            """);
    }

    private static string[] Row(string name, IReadOnlyList<Start> starts, IReadOnlyList<Start> baseline) =>
    [
        name, N(Median(starts.Select(s => s.Ready)), 2), N(Median(starts.Select(s => s.FirstAnswers)), 2), N(Median(starts.Select(s => s.CpuSeconds)), 2),
        N(Median(starts.Select(s => s.RssMb))), Ratio(Median(starts.Zip(baseline, (s, b) => s.FirstAnswers / b.FirstAnswers))),
        Ratio(Median(starts.Zip(baseline, (s, b) => s.CpuSeconds / b.CpuSeconds))),
    ];

    private static async Task<Start> Measure(BenchOptions options, string db, string log, Variant variant)
    {
        var clock = Stopwatch.StartNew();
        await using var api = await ApiProcess.Start(options.ApiDll, db, log, variant.Environment);
        var ready = clock.Elapsed.TotalSeconds;
        using var client = new ApiClient(api.BaseAddress);
        var token = await variant.Token(client);
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
