using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using Registry.Projections;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// Every list route over the district the statistics phase seeded, at one client and at eight, each beside a raw query
/// answering the same question (the same rows of the same read model, with its total) on the same database in the same
/// run; then a cleaning run and an export of the whole district in the background, with the API's memory sampled.
/// </summary>
public static class DistrictListsPhase
{
    private const string Town = "500101150000";
    private const string TownPrefix = "500101150";
    private const int Clients = 8;

    public static async Task Run(World world, BenchOptions options, Report report, long households)
    {
        var samples = Math.Min(options.ReadSamples, options.ListSamples);
        // Long enough that a p99 at eight clients rests on a few thousand requests, not on the few slowest of a short window.
        var loadTime = TimeSpan.FromSeconds(options.Quick ? 2 : 15);
        var s = RegistryStore.DefaultSchema;
        string Page(string table, string unitField, string prefix, string order, int offset = 0, string filter = "") =>
            $"select count(*) over (), id, data from {s}.{table} where data->>'{unitField}' like '{prefix}%'{filter} order by {order} limit 50 offset {offset}";
        var cases = new (string Route, string Sql)[]
        {
            ($"/api/households?org={Town}&pageSize=50", Page("mt_doc_householddetails", "villageCode", TownPrefix, "data->>'villageCode', id")),
            ($"/api/households?org={World.District}&pageSize=50&page=100",
                Page("mt_doc_householddetails", "villageCode", "500101", "data->>'villageCode', id", offset: 4950)),
            ($"/api/monitoring?org={World.District}&pageSize=50",
                Page("mt_doc_monitoringrow", "villageCode", "500101", "data->>'villageCode', id", filter: " and data->>'kind' <> 'None'")),
            ($"/api/procedures?org={World.District}&pageSize=50", Page("mt_doc_procedurework", "villageCode", "500101", "data->>'lastStepOn', id")),
            ($"/api/audit/changes?org={World.District}&pageSize=50", Page("mt_doc_auditentry", "unitCode", "500101", "(data->>'sequence')::bigint desc")),
            ($"/api/campaigns/2020/progress?org={Town}",
                $"select data->>'villageCode', count(*) from {s}.mt_doc_householddetails where data->>'villageCode' like '{TownPrefix}%' group by 1"),
        };
        var rows = new List<string[]>();
        var worst = new List<double>();
        await using var connection = new NpgsqlConnection(world.Db);
        await connection.OpenAsync();
        async Task Measure(string route, string sql)
        {
            Console.WriteLine($"lists: {route}");
            var api = await Load.Sequential(samples, () => world.Api.Get(route, world.DistrictToken), warmUp: 3);
            var loaded = await Load.Run(Clients, loadTime, _ => world.Api.Get(route, world.DistrictToken));
            await using var command = new NpgsqlCommand(sql, connection);
            var raw = await PreparedReads.Run(command, samples);
            worst.Add(loaded.P99Ms);
            rows.Add([$"GET {route}", Ms(api.P50Ms), Ms(api.P99Ms), Ms(loaded.P50Ms), Ms(loaded.P99Ms), N(loaded.PerSecond), (api.Errors + loaded.Errors).ToString(),
                Ms(raw.P50Ms), Ms(raw.P99Ms), Ratio(api.P99Ms / raw.P99Ms)]);
        }
        foreach (var (route, sql) in cases) await Measure(route, sql);

        Console.WriteLine("lists: a cleaning run over the district");
        var cleaning = await Background(world, "/api/data-quality/runs", new { org = World.District, campaignYear = 2020 }, "householdsChecked");
        Console.WriteLine("lists: an export of the district");
        var export = await Background(world, "/api/exports", new { org = World.District, format = "csv" }, "processed");
        // Measured after the cleaning run, which opened the district's problems, and after the vacuum that autovacuum would
        // soon run on a table just filled, as the statistics phase does after seeding.
        await BenchDatabase.Execute(connection, "vacuum analyze");
        await BenchDatabase.Checkpoint(connection);
        await Measure($"/api/problems?org={World.District}&pageSize=50",
            Page("mt_doc_problemview", "villageCode", "500101", "data->>'villageCode', id"));

        report.Judge(new Target($"every list route at {households:N0} households, {Clients} clients", "p99 < 50 ms", $"worst p99 {Ms(worst.Max())} ms",
            worst.Max() < 50));
        report.Judge(new Target($"cleaning run over {households:N0} households", ">= 2,000 households/s", $"{N(cleaning.PerSecond)} households/s",
            cleaning.PerSecond >= 2000));
        report.Judge(new Target("API memory growth during the cleaning run", "< 300 MB", $"{N(cleaning.GrowthMb)} MB", cleaning.GrowthMb < 300));
        report.Section("District lists", $"""
            The district of the statistics phase ({households:N0} households), as the district office (`DistrictOfficer`): one
            client ({samples} requests per route after 3 unmeasured ones), then {Clients} clients in a closed loop for
            {loadTime.TotalSeconds:0} s. Beside each route, on the same database in the same run, a prepared query answering the same
            question from the same read model the way its JSON gives it (unit by `like 'prefix%'` on the document): the page of 50
            rows in the route's order with the total of the unit (`count(*) over ()`), or for campaign progress the households per
            village counted from their documents (the least of what counting per request would read). Ratio = API p99 at one client ÷ raw p99. The problem list is measured after the cleaning run, which opened the
            district's problems, and a `VACUUM ANALYZE` and a `CHECKPOINT`. The lists before it are measured after the
            statistics phase's `VACUUM ANALYZE` and `CHECKPOINT`.

            {Table(["route", "1 client p50 ms", "1 client p99 ms", $"{Clients} clients p50 ms", $"{Clients} clients p99 ms", $"{Clients} clients req/s", "errors",
                "raw p50 ms", "raw p99 ms", "p99 ratio"], rows)}

            Background work over the whole district, started with 202 and followed at its Location until finished; the API's
            resident memory sampled every second from the start request to the end (growth = peak − before).

            {Table(["work", "status", "households", "seconds", "households/s", "API RSS before MB", "API RSS peak MB", "growth MB", "note"],
            [
                ["cleaning run (`POST /api/data-quality/runs`)", cleaning.Status, N(cleaning.Households), N(cleaning.Seconds, 1), N(cleaning.PerSecond),
                    N(cleaning.BeforeMb), N(cleaning.PeakMb), N(cleaning.GrowthMb), $"{cleaning.Json["findings"]} findings, {cleaning.Json["opened"]} problems opened"],
                ["export, csv (`POST /api/exports`)", export.Status, N(export.Households), N(export.Seconds, 1), N(export.PerSecond), N(export.BeforeMb),
                    N(export.PeakMb), N(export.GrowthMb), $"{N((export.Json["bytes"]?.GetValue<long>() ?? 0) / 1048576.0, 1)} MB file"],
            ])}
            """);
    }

    private sealed record Finished(string Status, int Households, double Seconds, double BeforeMb, double PeakMb, JsonNode Json)
    {
        public double PerSecond => Seconds > 0 ? Households / Seconds : double.NaN;

        public double GrowthMb => PeakMb - BeforeMb;
    }

    /// <summary>Starts background work, follows its Location until it is finished and samples the API's memory meanwhile.</summary>
    private static async Task<Finished> Background(World world, string route, object body, string doneField)
    {
        var pid = world.Process?.Pid;
        var before = pid is { } p ? MemorySampler.Read(p).RssMb : double.NaN;
        await using var sampler = pid is { } id ? new MemorySampler(id, null) : null;
        sampler?.Start();
        var clock = Stopwatch.StartNew();
        var started = await world.Api.PostJson(route, world.DistrictToken, body);
        var location = $"{route}/{started["id"]!.GetValue<Guid>()}";
        var job = await world.Api.Finished(location, world.DistrictToken, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(30));
        var peak = sampler?.Samples.Select(m => m.RssMb).Append(pid is { } q ? MemorySampler.Read(q).RssMb : 0).Max() ?? double.NaN;
        var from = job["startedAt"]?.GetValue<DateTimeOffset>();
        var to = job["finishedAt"]?.GetValue<DateTimeOffset>();
        var seconds = from is { } f && to is { } t ? (t - f).TotalSeconds : clock.Elapsed.TotalSeconds;
        return new Finished(job["status"]!.GetValue<string>(), job[doneField]!.GetValue<int>(), seconds, before, peak, job);
    }
}
