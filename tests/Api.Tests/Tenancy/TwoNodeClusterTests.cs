using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Auth;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Projections;
using Xunit.Abstractions;

namespace Registry.Api.Tests.Tenancy;

/// <summary>
/// Two real API processes sharing a main database and two district databases: writes land in the caller's district only,
/// the projection agents are spread over both nodes, and after SIGKILL of one node the other takes its agents over and every
/// read model catches up, each event applied once.
/// </summary>
public sealed class TwoNodeClusterTests(ITestOutputHelper output)
{
    private const string Wanzhou = "500101000000";
    private const string Fuling = "500102000000";
    private static readonly string[] Districts = [Wanzhou, Fuling];
    private static readonly TimeSpan TakeOver = TimeSpan.FromSeconds(60);
    private const int HouseholdsPerPhase = 6;

    /// <summary>One agent per async projection and district database.</summary>
    private static readonly int AgentsPerDatabase = RegistryStore.AsyncReadModels;

    [Fact]
    public async Task Each_district_writes_to_its_own_database_agents_spread_over_both_nodes_and_survive_a_killed_node()
    {
        await using var databases = await ScratchDatabases.On("cluster");
        var main = await databases.Create("main");
        var signingKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = main,
            ["Auth__SigningKey"] = signingKey,
            ["Limits__WritesPerWindow"] = "1000000",
            ["Limits__ReadsPerWindow"] = "1000000",
            ["Seed__OrgUnits__0__Code"] = Wanzhou,
            ["Seed__OrgUnits__0__Name"] = "重庆市万州区",
            ["Seed__OrgUnits__1__Code"] = Fuling,
            ["Seed__OrgUnits__1__Name"] = "重庆市涪陵区",
        };
        foreach (var district in Districts) environment[$"Tenancy__Districts__{district[..6]}"] = await databases.Create(district);
        var tokens = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = signingKey }), TimeProvider.System);

        await using var first = await ApiProcess.Start(environment);
        var firstNode = (await NodesOf(main)).ShouldHaveSingleItem();
        await using var second = await ApiProcess.Start(environment);
        try
        {
            var officers = Districts.ToDictionary(d => d, d => tokens.Issue($"officer-{d}", "区扶贫办", Role.DistrictOfficer, d).Token);
            var villages = new Dictionary<string, string>();
            foreach (var district in Districts)
            {
                using var officer = first.Client(officers[district]);
                villages[district] = await Village(officer, district);
            }

            // Writes through either node land in the caller's district database.
            var registered = Districts.ToDictionary(d => d, _ => new List<Guid>());
            for (var i = 0; i < HouseholdsPerPhase; i++)
                foreach (var district in Districts)
                {
                    using var client = (i % 2 == 0 ? first : second).Client(officers[district]);
                    registered[district].Add((await Sample.Register(client, villages[district])).Id);
                }
            foreach (var district in Districts)
            {
                var units = await Scalars(environment[$"Tenancy__Districts__{district[..6]}"],
                    "select distinct substr(data ->> 'villageCode', 1, 6) from registry.mt_doc_householddetails");
                units.ShouldBe([district[..6]]);
                (await Count(environment[$"Tenancy__Districts__{district[..6]}"], "select count(*) from registry.mt_doc_householddetails"))
                    .ShouldBe(HouseholdsPerPhase);
            }
            using (var other = second.Client(officers[Fuling]))
                (await other.GetAsync($"/api/households/{registered[Wanzhou][0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            var expectedAgents = AgentsPerDatabase * Districts.Length;
            var spread = await Until(main, Assignments, TimeSpan.FromSeconds(90), async () =>
            {
                var byNode = await AgentsByNode(main);
                return byNode.Count == 2 && byNode.Values.Sum() == expectedAgents && byNode.Values.All(n => n > 0) ? byNode : null;
            }, "the projection agents spread over both nodes");
            output.WriteLine($"Agents by node before the kill: {string.Join(", ", spread.Select(p => $"{p.Key}: {p.Value}"))}");

            // Writes go on through the first node while the second dies without a word.
            var writes = Task.Run(async () =>
            {
                for (var i = 0; i < HouseholdsPerPhase; i++)
                    foreach (var district in Districts)
                    {
                        using var client = first.Client(officers[district]);
                        registered[district].Add((await Sample.Register(client, villages[district])).Id);
                    }
            });
            await second.Kill();
            var killed = Stopwatch.StartNew();
            await Until(main, Assignments, TakeOver, async () =>
            {
                var byNode = await AgentsByNode(main);
                return byNode.Count == 1 && byNode.GetValueOrDefault(firstNode) == expectedAgents ? byNode : null;
            }, "the surviving node to hold every agent");
            output.WriteLine($"Every agent on the surviving node {killed.Elapsed.TotalSeconds:F1} s after the kill");
            await writes;

            foreach (var district in Districts)
            {
                var database = environment[$"Tenancy__Districts__{district[..6]}"];
                await Until(database, Progression, TakeOver, async () => await CaughtUp(database) ? "" : null, $"every projection of {district} caught up");
                var events = await Count(database, "select count(*) from registry.mt_events");
                (await Count(database, "select count(*) from registry.mt_doc_auditentry")).ShouldBe(events, "one audit entry per event");
                (await Count(database, "select count(distinct (data ->> 'sequence')) from registry.mt_doc_auditentry")).ShouldBe(events);
                using var officer = first.Client(officers[district]);
                var statistics = await (await officer.GetAsync($"/api/statistics?org={district}&year=2020")).ShouldBe(HttpStatusCode.OK);
                var households = statistics["total"]!["households"]!.AsObject().Sum(p => p.Value!.GetValue<int>());
                households.ShouldBe(registered[district].Count, "each registration counted once");
            }
        }
        catch
        {
            output.WriteLine($"First node:\n{first.Output}\nSecond node:\n{second.Output}");
            throw;
        }
    }

    private static async Task<string> Village(HttpClient officer, string district)
    {
        var town = district[..6] + "901000";
        var village = district[..6] + "901001";
        (await officer.PostAsJsonAsync("/api/org-units", new { code = town, name = "集群镇", kind = "Town", parentCode = district }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await officer.PostAsJsonAsync("/api/org-units", new { code = village, name = "集群村", kind = "Village", parentCode = town }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return village;
    }

    private const string Assignments = "registry.wolverine_node_assignments";
    private const string Progression = "registry.mt_event_progression";

    /// <summary>
    /// Asks <paramref name="probe"/> again each time <paramref name="table"/> changes (a trigger notifies this test's
    /// connection), until it answers, or fails at the deadline.
    /// </summary>
    private static async Task<T> Until<T>(string database, string table, TimeSpan deadline, Func<Task<T?>> probe, string what) where T : class
    {
        await using var listener = new NpgsqlConnection(database);
        await listener.OpenAsync();
        var channel = "changed_" + table.Replace('.', '_');
        await using (var setup = new NpgsqlCommand($"""
            create or replace function {channel}() returns trigger language plpgsql as $$ begin perform pg_notify('{channel}', ''); return null; end $$;
            drop trigger if exists {channel} on {table};
            create trigger {channel} after insert or update or delete on {table} for each statement execute function {channel}();
            listen {channel};
            """, listener))
            await setup.ExecuteNonQueryAsync();
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            if (await probe() is { } done) return done;
            try
            {
                await listener.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds} s for {what}.");
            }
        }
    }

    private static async Task<bool> CaughtUp(string database)
    {
        var last = await Count(database, "select coalesce(max(seq_id), 0) from registry.mt_events");
        var behind = await Count(database,
            $"select count(*) from registry.mt_event_progression where name like '%:All' and last_seq_id < {last}");
        var projections = await Count(database, "select count(*) from registry.mt_event_progression where name like '%:All'");
        return projections == AgentsPerDatabase && behind == 0;
    }

    private static async Task<IReadOnlyList<Guid>> NodesOf(string main)
    {
        var ids = await Scalars(main, "select id::text from registry.wolverine_nodes");
        return [.. ids.Select(Guid.Parse)];
    }

    private static async Task<Dictionary<Guid, int>> AgentsByNode(string main)
    {
        var rows = await Scalars(main,
            "select node_id::text || ' ' || count(*) from registry.wolverine_node_assignments where id like 'event-subscriptions://%' group by node_id");
        return rows.Select(r => r.Split(' ')).ToDictionary(p => Guid.Parse(p[0]), p => int.Parse(p[1]));
    }

    private static async Task<long> Count(string database, string sql) => long.Parse((await Scalars(database, sql)).Single());

    private static async Task<List<string>> Scalars(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }
}
