using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>History and as-of reads of households with a given number of events, beside a raw SELECT of the same stream.</summary>
public static class ReadsPhase
{
    private const int PageSize = 100;
    private const int Clients = 8;
    private static readonly IdNumbers Ids = new("500105");

    public static async Task Run(World world, BenchOptions options, Report report)
    {
        var (token, village) = await world.Clerk(0);
        // A department's view masks ID numbers, so its reads log nothing: what a read costs without its record's commit.
        var masked = await world.Api.Token("bench-housing", "HousingDept", World.District);
        var loadTime = TimeSpan.FromSeconds(options.Quick ? 2 : 10);
        var rows = new List<string[]>();
        var cpuRows = new List<string[]>();
        var households = new List<(int Size, HouseholdHandle Household)>();
        foreach (var size in options.HistorySizes)
        {
            Console.WriteLine($"reads: household of {size} events");
            var household = await world.Api.Register(token, village, Ids);
            for (var i = 1; i < size; i++)
                if (!await (i % 2 == 0 ? world.Api.AssessIncome(household) : world.Api.ChangeMember(household)))
                    throw new InvalidOperationException("A write of the read set failed.");
            households.Add((size, household));
        }
        await DaemonCatchUp.Wait(world.Db, TimeSpan.FromMinutes(5));
        foreach (var (size, h) in households)
        {
            var history = await world.Api.GetJson($"/api/households/{h.Id}/history", token);
            var asOf = history[size / 2]!["recordedAt"]!.GetValue<DateTimeOffset>();
            var asOfText = Uri.EscapeDataString(asOf.ToString("O"));
            var api = await Load.Sequential(options.ReadSamples, () => world.Api.Get($"/api/households/{h.Id}/history", token));
            var raw = await StreamReads.Run(world.Db, h.Id, null, options.ReadSamples);
            var apiPage = await Load.Sequential(options.ReadSamples, () => world.Api.Get($"/api/households/{h.Id}/history?limit={PageSize}", token));
            var apiAsOf = await Load.Sequential(options.ReadSamples, () => world.Api.Get($"/api/households/{h.Id}?asOf={asOfText}", token));
            var rawAsOf = await StreamReads.Run(world.Db, h.Id, asOf, options.ReadSamples);
            var page = await Load.Sequential(options.ReadSamples, () => world.Api.GetPage($"/console/households/{h.Id}", token));
            Console.WriteLine($"reads: {Clients} clients on the history of {size} events");
            var apiLoaded = await Measured("clerk (each read logged)", token);
            var maskedLoaded = await Measured("department (masked, no read logged)", masked);
            var rawLoaded = await StreamReads.Loaded(world.Db, h.Id, Clients, loadTime);
            rows.Add(Row($"GET …/history", size, api, raw));
            rows.Add(Row("raw: SELECT stream rows", size, raw, raw));
            rows.Add(Row($"GET …/history?limit={PageSize} (first page)", size, apiPage, raw));
            rows.Add(Row($"GET …?asOf= (middle event)", size, apiAsOf, rawAsOf));
            rows.Add(Row("raw: SELECT stream rows ≤ asOf", size, rawAsOf, rawAsOf));
            rows.Add(Row("console: /console/households/{id} (timeline with every change)", size, page, raw));
            rows.Add(Row($"GET …/history, {Clients} clients", size, apiLoaded, rawLoaded));
            rows.Add(Row($"GET …/history, {Clients} clients, masked view (no read logged)", size, maskedLoaded, rawLoaded));
            // Last, since it lengthens the history: each read follows a member update, so the node extends what it kept.
            var afterWrite = await Load.Sequential(options.ReadSamples, () => world.Api.Get($"/api/households/{h.Id}/history", token),
                before: async () =>
                {
                    if (!await world.Api.ChangeMember(h)) throw new InvalidOperationException("A write of the read set failed.");
                });
            rows.Add(Row($"GET …/history after a member update each (from {size} events)", size, afterWrite, raw));
            rows.Add(Row($"raw: SELECT stream rows, {Clients} clients", size, rawLoaded, rawLoaded));

            // As many unmeasured requests first as measured, like the raw baseline's.
            async Task<Latencies> Measured(string view, string reader)
            {
                await Load.Run(Clients, loadTime, _ => world.Api.Get($"/api/households/{h.Id}/history", reader));
                var cpu = new CpuWindow(world.Process?.Pid);
                var loaded = await Load.Run(Clients, loadTime, _ => world.Api.Get($"/api/households/{h.Id}/history", reader));
                var (apiCpu, busy) = cpu.End();
                var answered = Math.Max(1, loaded.Count);
                cpuRows.Add([size.ToString(), view, N(apiCpu * 1000 / answered, 2), N(cpu.PostgresSeconds * 1000 / answered, 2), $"{busy:P0}"]);
                return loaded;
            }
            report.Judge(new Target($"history read, {size} events", "p99 < 10 ms", $"p99 {Ms(api.P99Ms)} ms (raw {Ms(raw.P99Ms)} ms)", api.P99Ms < 10));
            report.Judge(new Target($"history read, {size} events, {Clients} clients", "p99 < 10 ms",
                $"p99 {Ms(apiLoaded.P99Ms)} ms (raw {Ms(rawLoaded.P99Ms)} ms at {Clients} clients)", apiLoaded.P99Ms < 10 && apiLoaded.Errors == 0));
            report.Judge(new Target($"console household page, {size} events", "< 200 ms", $"p99 {Ms(page.P99Ms)} ms (raw {Ms(raw.P99Ms)} ms)",
                page.P99Ms < 200 && page.Errors == 0));
        }
        report.Section("Reads", $"""
            One client, a village clerk (whose every history read also commits its sensitive-read record), {options.ReadSamples} requests
            per row after 10 unmeasured ones, except the rows marked {Clients} clients: those
            clients in a closed loop for {loadTime.TotalSeconds:0} s after as long unmeasured, the raw SELECT likewise with a connection per
            client, and their ratio is to that loaded raw SELECT. Households built through the API (a registration,
            then member updates and income assessments alternately), then measured once the async daemon has caught up. The raw baseline: a prepared SELECT of the same stream's rows
            from `mt_events` (all columns read) on one connection. Ratio = API p99 ÷ raw p99 (how many times slower).

            {Table(["read", "events", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "p99 ratio to raw"], rows)}

            The CPU time per history request under the {Clients}-client load, the API's (user + system time of its process) and
            PostgreSQL's (of every `postgres` process) over the measured seconds, divided by the requests answered, which depends
            less than latency on what else the machine runs; a clerk's read also commits its sensitive-read record, a
            department's is masked and logs nothing:

            {Table(["events", "reader", "API CPU ms per request", "PostgreSQL CPU ms per request", "machine busy"], cpuRows)}
            """);
    }

    private static string[] Row(string kind, int size, Latencies l, Latencies raw) =>
        [kind, size.ToString(), N(l.PerSecond), Ms(l.P50Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.MaxMs), l.Errors.ToString(), Ratio(l.P99Ms / raw.P99Ms)];
}
