using Npgsql;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using Registry.Projections;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// Every list route over the district the statistics phase seeded, each beside a raw query answering the same question (the
/// same rows of the same read model, with its total) on the same database in the same run.
/// </summary>
public static class DistrictListsPhase
{
    private const string Town = "500101150000";
    private const string TownPrefix = "500101150";

    public static async Task Run(World world, BenchOptions options, Report report, long households)
    {
        var samples = Math.Min(options.ReadSamples, options.ListSamples);
        var s = RegistryStore.DefaultSchema;
        string Page(string table, string unitField, string prefix, string order, int offset = 0) =>
            $"select count(*) over (), id, data from {s}.{table} where data->>'{unitField}' like '{prefix}%' order by {order} limit 50 offset {offset}";
        var cases = new (string Route, string Sql)[]
        {
            ($"/api/households?org={Town}&pageSize=50", Page("mt_doc_householddetails", "villageCode", TownPrefix, "data->>'villageCode', id")),
            ($"/api/households?org={World.District}&pageSize=50&page=100",
                Page("mt_doc_householddetails", "villageCode", "500101", "data->>'villageCode', id", offset: 4950)),
            ($"/api/monitoring?org={World.District}&pageSize=50", Page("mt_doc_monitoringrow", "villageCode", "500101", "data->>'villageCode', id")),
            ($"/api/procedures?org={World.District}&pageSize=50", Page("mt_doc_procedurequeue", "villageCode", "500101", "data->>'villageCode', id")),
            ($"/api/audit/changes?org={World.District}&pageSize=50", Page("mt_doc_auditentry", "unitCode", "500101", "(data->>'sequence')::bigint desc")),
            ($"/api/campaigns/2020/progress?org={Town}",
                $"select data->>'villageCode', count(*) from {s}.mt_doc_campaignactivity where data->>'villageCode' like '{TownPrefix}%' group by 1"),
        };
        var rows = new List<string[]>();
        var worst = 0.0;
        await using var connection = new NpgsqlConnection(world.Db);
        await connection.OpenAsync();
        foreach (var (route, sql) in cases)
        {
            Console.WriteLine($"lists: {route}");
            var api = await Load.Sequential(samples, () => world.Api.Get(route, world.DistrictToken), warmUp: 3);
            await using var command = new NpgsqlCommand(sql, connection);
            var raw = await PreparedReads.Run(command, samples);
            worst = Math.Max(worst, api.P99Ms);
            rows.Add([$"GET {route}", Ms(api.P50Ms), Ms(api.P99Ms), api.Errors.ToString(), Ms(raw.P50Ms), Ms(raw.P99Ms), Ratio(api.P99Ms / raw.P99Ms)]);
        }
        report.Judge(new Target($"every list route at {households:N0} households", "p99 < 50 ms", $"worst p99 {Ms(worst)} ms", worst < 50));
        report.Section("District lists", $"""
            The district of the statistics phase ({households:N0} households), one client, {samples} requests per route after 3
            unmeasured ones, as the district office (`DistrictOfficer`). Beside each route, on the same database in the same run, a
            prepared query answering the same question from the same read model: the page of 50 rows in the route's order with
            the total of the unit (`count(*) over ()`), or for campaign progress the count per village. Ratio = API p99 ÷ raw p99.

            {Table(["route", "p50 ms", "p99 ms", "errors", "raw p50 ms", "raw p99 ms", "p99 ratio"], rows)}
            """);
    }
}
