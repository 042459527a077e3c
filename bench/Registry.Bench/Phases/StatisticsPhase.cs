using System.Diagnostics;
using Marten;
using Registry.Api.Reference;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using Registry.Projections;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// GET /api/statistics for a district of many households (towns of villages of their own, seeded straight through Marten while
/// the API runs, its async daemon then catching up), beside a GROUP BY over the same household documents in the same database.
/// </summary>
public static class StatisticsPhase
{
    private const int VillagesPerTown = 20;
    private const int HouseholdsPerVillage = 500;

    // The GROUP BY takes seconds a time here; fewer samples of it keep the phase short.
    private const int RawSamples = 50;

    public static async Task Run(World world, BenchOptions options, Report report)
    {
        var villageCount = Math.Max(1, options.StatisticsHouseholds / HouseholdsPerVillage);
        var towns = (villageCount + VillagesPerTown - 1) / VillagesPerTown;
        var villages = new List<string>();
        for (var t = 0; t < towns; t++)
        {
            var town = $"500101{150 + t:D3}000";
            await world.Api.CreateOrgUnit(world.DistrictToken, town, $"统计{t + 1}镇", "Town", World.District);
            for (var v = 0; v < VillagesPerTown && villages.Count < villageCount; v++)
            {
                villages.Add($"{town[..9]}{v + 1:D3}");
                await world.Api.CreateOrgUnit(world.DistrictToken, villages[^1], $"统计{t + 1}镇{v + 1}村", "Village", town);
            }
        }
        using var store = DocumentStore.For(opts =>
        {
            RegistryStore.Configure(opts, world.Db);
            ReferenceStore.Configure(opts);
        });
        Console.WriteLine($"statistics: seeding {options.StatisticsHouseholds:N0} households in {villages.Count} villages of {towns} towns");
        var seedClock = Stopwatch.StartNew();
        await new DistrictSeeder(store, villages, options.StatisticsHouseholds, new IdNumbers("500108")).Seed(workers: 2);
        var seedTime = seedClock.Elapsed;
        var catchUpClock = Stopwatch.StartNew();
        await DaemonCatchUp.Wait(world.Db, TimeSpan.FromMinutes(30));
        var catchUp = catchUpClock.Elapsed;
        await using (var vacuum = new Npgsql.NpgsqlConnection(world.Db))
        {
            await vacuum.OpenAsync();
            await BenchDatabase.Execute(vacuum, "vacuum analyze");
            // The seeding and the vacuum leave gigabytes of dirty pages: written out now, not by a checkpoint in the middle of a measurement.
            await BenchDatabase.Checkpoint(vacuum);
        }
        var inDistrict = await BenchDatabase.Scalar(world.Db,
            $"select count(*) from {RegistryStore.DefaultSchema}.mt_doc_householddetails where data->>'villageCode' like '500101%'");
        var unitDocuments = await BenchDatabase.Scalar(world.Db, $"select count(*) from {RegistryStore.DefaultSchema}.mt_doc_unitstatistics");
        var events = await BenchDatabase.Scalar(world.Db, $"select count(*) from {RegistryStore.DefaultSchema}.mt_events");

        Console.WriteLine("statistics: measuring");
        var district = await Load.Sequential(options.ReadSamples, () => world.Api.Get($"/api/statistics?org={World.District}&year=2020", world.DistrictToken));
        var town1 = await Load.Sequential(options.ReadSamples, () => world.Api.Get("/api/statistics?org=500101150000&year=2020", world.DistrictToken));
        var raw = await StatisticsGroupBy.Run(world.Db, "500101", Math.Min(options.ReadSamples, RawSamples));
        var rows = new List<string[]>
        {
            Row($"GET /api/statistics?org={World.District} (a row per town)", district, raw),
            Row("GET /api/statistics?org=500101150000 (a row per village)", town1, raw),
            Row("raw: GROUP BY over the district's household documents", raw, raw),
        };
        report.Judge(new Target($"statistics of a district of {inDistrict:N0} households", "p99 < 50 ms",
            $"p99 {Ms(district.P99Ms)} ms (GROUP BY per request {Ms(raw.P99Ms)} ms)", district.P99Ms < 50 && district.Errors == 0));
        report.Section("Statistics", $"""
            {options.StatisticsHouseholds:N0} households seeded into {villages.Count} villages of {towns} towns ({HouseholdsPerVillage} a village) straight
            through Marten while the API ran, in {N(seedTime.TotalSeconds, 1)} s: each decided by the domain and stamped like an API write
            (registration; incomes assessed for 2017 to 2019, three visits and two measures of assistance in 2020 for every household;
            a risk for one in 7, an unresolved housing guarantee for one in 20, a member married in for one in 25, the monitoring procedure
            for one in 20, an identification procedure open for one in 10), {DistrictSeeder.HouseholdsPerTransaction} to a transaction, two
            writers: {events:N0} events in the store after seeding. The API's async daemon then caught up in
            {N(catchUp.TotalSeconds, 1)} s (every async projection, the `Statistics` one among them). The district then held {inDistrict:N0} households
            (with those of the earlier phases) and {unitDocuments:N0} unit statistics documents (villages and the units above). One client, {options.ReadSamples} requests per API row
            and {Math.Min(options.ReadSamples, RawSamples)} of the GROUP BY, each after 10 unmeasured ones, after `VACUUM ANALYZE` and a `CHECKPOINT`. The raw baseline, on the same database in the same run: a prepared GROUP BY by town and
            status over the district's `HouseholdDetails` documents (households, persons, monitoring kinds, an unresolved guarantee, risks), which is
            what counting per request would cost at the least. Ratio = p99 ÷ the GROUP BY's p99.

            {Table(["read", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "p99 ratio to GROUP BY"], rows)}
            """);
        await DistrictListsPhase.Run(world, options, report, inDistrict);
    }

    private static string[] Row(string kind, Latencies l, Latencies raw) =>
        [kind, N(l.PerSecond), Ms(l.P50Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.MaxMs), l.Errors.ToString(), Ratio(l.P99Ms / raw.P99Ms)];
}
