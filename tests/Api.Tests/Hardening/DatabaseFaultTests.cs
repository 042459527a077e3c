using System.Net;
using System.Net.Http.Json;
using Alba;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Auth;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Xunit.Abstractions;

namespace Registry.Api.Tests.Hardening;

/// <summary>PostgreSQL goes away under load: backends terminated, then the whole server stopped and started again.</summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output)
{
    private const string District = "500101000000";
    private const string Town = "500101902000";
    private const string Village = "500101902001";

    [PostgresServerFact]
    public async Task While_the_database_is_away_the_api_answers_503_then_recovers_by_itself_and_projections_resume()
    {
        await using var cluster = await ThrowawayCluster.Create();
        var schema = "fault" + Guid.NewGuid().ToString("N")[..8];
        JasperFxEnvironment.AutoStartHost = true;
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:EventStore", cluster.ConnectionString);
            builder.UseSetting("EventStore:Schema", schema);
            builder.UseSetting("Limits:WritesPerWindow", "1000000");
            builder.UseSetting("Limits:ReadsPerWindow", "1000000");
        });
        try
        {
            var tokens = host.Services.GetRequiredService<TokenIssuer>();
            HttpClient Client(Role role, string org)
            {
                var client = host.Server.CreateClient();
                client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Issue($"{role}-{org}", "用户", role, org).Token);
                return client;
            }
            var district = Client(Role.DistrictOfficer, District);
            (await district.PostAsJsonAsync("/api/org-units", new { code = Town, name = "故障镇", kind = "Town", parentCode = District })).EnsureSuccessStatusCode();
            (await district.PostAsJsonAsync("/api/org-units", new { code = Village, name = "故障村", kind = "Village", parentCode = Town })).EnsureSuccessStatusCode();
            var clerk = Client(Role.VillageClerk, Village);
            var household = await Sample.Register(clerk, Village, status: "Unregistered");
            var load = new WriteLoad(Village);

            // Every session cut at once: requests in flight fail over to 503 or succeed on Marten's retry; none is a 500.
            var cut = load.AcknowledgedMore(8);
            var workers = Enumerable.Range(0, 4).Select(i => Task.Run(() => load.Worker(clerk, i, maxWrites: 15))).ToList();
            await Task.WhenAny(cut, Task.WhenAll(workers));
            output.WriteLine($"terminated {await cluster.TerminateBackends()} backends");
            await Task.WhenAll(workers);
            await load.RetryInDoubt(clerk);

            // The server stops under load: every route that needs it answers 503 with a problem document.
            var down = load.AcknowledgedMore(8);
            workers = Enumerable.Range(0, 4).Select(i => Task.Run(() => load.Worker(clerk, 10 + i))).ToList();
            await Task.WhenAny(down, Task.WhenAll(workers));
            await cluster.Stop();
            await Task.WhenAll(workers);
            load.Unavailable.ShouldBeGreaterThan(0);
            await ProbeWhileDown(host, clerk, district, household.Id);

            await cluster.Start();
            await WaitUntilReady(host);
            await load.RetryInDoubt(clerk);
            await (await clerk.Send(HttpMethod.Put, $"/api/households/{household.Id}/risks", new { risks = new[] { "Epidemic" }, reason = "恢复后走访" }))
                .ShouldBe(HttpStatusCode.OK);
            output.WriteLine($"{load.Writes.Count} writes, {load.Unavailable} answered 503");

            // The async daemon picks up where it stopped and reaches the end of the log.
            await host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            (await EventLog.Gaps(cluster.ConnectionString, schema)).ShouldBeEmpty();
            var events = await EventLog.Read(cluster.ConnectionString, schema);
            foreach (var write in load.Writes)
                events.Count(e => e.CorrelationId == write.CorrelationId).ShouldBe((int)write.EventCount!.Value, write.CorrelationId);

            using var store = ReadModels.StoreFor(cluster.ConnectionString, schema);
            var stored = await ReadModels.Snapshot(store, cluster.ConnectionString);
            await host.DisposeAsync();
            host = null;
            await ReadModels.RebuildAll(store);
            ReadModels.Difference(stored, await ReadModels.Snapshot(store, cluster.ConnectionString)).ShouldBeNull();
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }

    private static async Task ProbeWhileDown(IAlbaHost host, HttpClient clerk, HttpClient district, Guid household)
    {
        var probes = new (HttpClient Client, HttpMethod Method, string Url, object? Body)[]
        {
            (clerk, HttpMethod.Get, $"/api/households/{household}", null),
            (clerk, HttpMethod.Get, $"/api/households/{household}/history", null),
            (clerk, HttpMethod.Get, "/api/households", null),
            (clerk, HttpMethod.Get, "/api/reference", null),
            (clerk, HttpMethod.Put, $"/api/households/{household}/risks", new { risks = new[] { "Disaster" }, reason = "水灾" }),
            (clerk, HttpMethod.Post, "/api/households", new
            {
                villageCode = Village, status = "Unregistered",
                members = new[] { Sample.Member("张三", People.IdNumber(male: true), "Head") },
            }),
            (district, HttpMethod.Put, $"/api/org-units/{AppFixture.District}/policy-lines/2021", new { povertyLine = 4100, monitoringLine = 6100, reason = "调标" }),
            (district, HttpMethod.Get, $"/api/audit/changes?org={Village}", null),
        };
        foreach (var (client, method, url, body) in probes)
            await (await client.Send(method, url, body)).ShouldBe(HttpStatusCode.ServiceUnavailable, "service.database-unavailable");
        var anonymous = host.Server.CreateClient();
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Polls readiness, each attempt awaiting its answer; pooled connections broken by the restart are shed on the way.</summary>
    private static async Task WaitUntilReady(IAlbaHost host)
    {
        var client = host.Server.CreateClient();
        for (var attempt = 0; attempt < 200; attempt++)
            if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
        throw new TimeoutException("The API did not become ready after the database came back.");
    }
}
