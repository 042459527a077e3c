using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using Registry.Bench.Infrastructure;
using Registry.Projections;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// A database per district (two districts) with one API node and then two, behind no proxy: the clients alternate over the nodes
/// and the districts. Measures registrations per second, how far the async projections lag behind the event log during the load,
/// and how long they take to catch up after it.
/// </summary>
public static class ClusterPhase
{
    private static readonly string[] Districts = ["500101000000", "500102000000"];
    private const int Clients = 8;
    private static readonly int AgentsPerDatabase = RegistryStore.AsyncReadModels;
    private static readonly string Schema = RegistryStore.DefaultSchema;

    public static async Task Run(BenchOptions options, string stamp, Report report)
    {
        var rows = new List<string[]>();
        foreach (var nodes in new[] { 1, 2 })
        {
            Console.WriteLine($"cluster: {nodes} node(s)");
            var main = await Recreate(options.ConnectionString, $"{nodes}_main");
            var environment = new Dictionary<string, string>();
            var databases = new Dictionary<string, string>();
            for (var d = 0; d < Districts.Length; d++)
            {
                databases[Districts[d]] = await Recreate(options.ConnectionString, $"{nodes}_{Districts[d][..6]}");
                environment[$"Tenancy__Districts__{Districts[d][..6]}"] = databases[Districts[d]];
                environment[$"Seed__OrgUnits__{d}__Code"] = Districts[d];
                environment[$"Seed__OrgUnits__{d}__Name"] = $"区{d}";
            }
            var apis = new List<ApiProcess>();
            try
            {
                for (var n = 0; n < nodes; n++)
                    apis.Add(await ApiProcess.Start(options.ApiDll, main, Path.Combine(options.ResultsDirectory, $"{stamp}-cluster{nodes}-node{n}.log"), environment));
                var assigned = Stopwatch.StartNew();
                var byNode = await Agents(main, nodes, TimeSpan.FromMinutes(3));
                var assignedAfter = assigned.Elapsed;
                var clerks = await Clerks(apis[0].BaseAddress);
                var http = apis.Select(a => Client(a.BaseAddress)).ToList();
                var ids = Districts.Select(d => new IdNumbers(d[..6])).ToArray();

                using var sampling = new CancellationTokenSource();
                var lags = new List<long>();
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        long behind = 0;
                        foreach (var db in databases.Values) behind = Math.Max(behind, await Behind(db));
                        lock (lags) lags.Add(behind);
                        await Task.Delay(500);
                    }
                });
                var load = await Load.Run(Clients, options.CommandDuration, c =>
                    Register(http[c % nodes], clerks[c % Districts.Length], ids[c % Districts.Length]));
                await sampling.CancelAsync();
                await sampler;
                var drain = Stopwatch.StartNew();
                foreach (var db in databases.Values) await DaemonCatchUp.Wait(db, TimeSpan.FromMinutes(5));
                var drained = drain.Elapsed;
                rows.Add([
                    nodes.ToString(), N(load.PerSecond, 1), Ms(load.P50Ms), Ms(load.P95Ms), load.Errors.ToString(),
                    N(lags.Count == 0 ? 0 : lags.Average()), N(lags.Count == 0 ? 0 : lags.Max()), N(drained.TotalSeconds, 1),
                    string.Join(" / ", byNode.Values.Order()), N(assignedAfter.TotalSeconds, 1),
                ]);
                foreach (var client in http) client.Dispose();
            }
            finally
            {
                foreach (var api in apis) await api.DisposeAsync();
                // The next row's databases are new: no pooled connection of this row may meet a dropped database later.
                NpgsqlConnection.ClearAllPools();
            }
        }
        report.Section("Cluster: a database per district, one and two API nodes",
            $"""
            Two district databases and a main database (Wolverine's nodes and agent assignments) on the same PostgreSQL, made anew for
            each row; {Clients} clients register households (`POST /api/households`, three members, village clerks of both districts
            alternating) for {options.CommandDuration.TotalSeconds:0} s, spread over the nodes. *Behind* is how many events the slowest
            async projection of either district database trails the event log, sampled every 0.5 s during the load; *catch-up* is how
            long the projections took to reach the log's end after the load stopped. *Agents* are the projection agents (one per async
            projection and district database) each node ran, and how long after the last node started the leader had placed them all.

            {Table(["nodes", "writes/s", "p50 ms", "p95 ms", "errors", "behind, mean (events)", "behind, max", "catch-up s", "agents per node", "agents placed after s"], rows)}
            """);
    }

    private static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    };

    private static async Task<(string Token, string Village)[]> Clerks(Uri api)
    {
        using var client = new ApiClient(api);
        var clerks = new List<(string, string)>();
        foreach (var district in Districts)
        {
            var officer = await client.Token($"officer-{district}", "DistrictOfficer", district);
            var town = district[..6] + "801000";
            var village = district[..6] + "801001";
            await client.CreateOrgUnit(officer, town, "集群镇", "Town", district);
            await client.CreateOrgUnit(officer, village, "集群村", "Village", town);
            clerks.Add((await client.Token($"clerk-{district}", "VillageClerk", village), village));
        }
        return [.. clerks];
    }

    private static async Task<bool> Register(HttpClient http, (string Token, string Village) clerk, IdNumbers ids)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/households")
        {
            Content = JsonContent.Create(new
            {
                villageCode = clerk.Village, status = "Unregistered", registeredOn = "2019-12-01",
                members = new object[]
                {
                    new { name = "王大山", idNumber = ids.Next(male: true), relation = "Head" },
                    new { name = "李二妹", idNumber = ids.Next(male: false), relation = "Spouse" },
                    new { name = "王小明", idNumber = ids.Next(male: true), relation = "Son" },
                },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clerk.Token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Waits until the leader has placed every agent, one per projection and district database, over the running nodes.</summary>
    private static async Task<Dictionary<string, long>> Agents(string main, int nodes, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var byNode = new Dictionary<string, long>();
            await using (var connection = new NpgsqlConnection(main))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    $"select node_id::text, count(*) from {Schema}.wolverine_node_assignments where id like 'event-subscriptions://%' group by node_id", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) byNode[reader.GetString(0)] = reader.GetInt64(1);
            }
            if (byNode.Count == nodes && byNode.Values.Sum() == AgentsPerDatabase * Districts.Length) return byNode;
            if (clock.Elapsed > deadline) throw new TimeoutException($"The projection agents were not placed on {nodes} node(s) within {deadline}.");
            await Task.Delay(500);
        }
    }

    private static Task<long> Behind(string database) => BenchDatabase.Scalar(database,
        $"select coalesce((select max(seq_id) from {Schema}.mt_events), 0) " +
        $"- coalesce((select min(last_seq_id) from {Schema}.mt_event_progression where name not like 'HighWater%'), 0)");

    private static async Task<string> Recreate(string connectionString, string key)
    {
        var name = $"{BenchDatabase.Name}_cluster_{key}";
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await BenchDatabase.Execute(connection, $"drop database if exists {name} with (force)");
            await BenchDatabase.Execute(connection, $"create database {name}");
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }
}
