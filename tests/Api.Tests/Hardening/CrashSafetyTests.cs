using System.Net;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Xunit.Abstractions;

namespace Registry.Api.Tests.Hardening;

/// <summary>The real API process under a write load, killed with SIGKILL at random points and started again.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Crashes = 4;
    private const int Workers = 6;
    private const string District = "500101000000";

    [Fact]
    public async Task Acknowledged_writes_survive_sigkill_half_writes_never_show_and_read_models_equal_a_rebuild()
    {
        var connectionString = await TestDatabase.ConnectionString();
        var schema = "crash" + Guid.NewGuid().ToString("N")[..10];
        var signingKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = connectionString,
            ["EventStore__Schema"] = schema,
            ["Auth__SigningKey"] = signingKey,
            ["Limits__WritesPerWindow"] = "1000000",
            ["Limits__ReadsPerWindow"] = "1000000",
        };
        var tokens = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = signingKey }), TimeProvider.System);
        var village = "500101901001";
        var random = new Random();

        var api = await ApiProcess.Start(environment);
        try
        {
            using (var district = api.Client(tokens.Issue("district", "区扶贫办", Role.DistrictOfficer, District).Token))
            {
                (await district.PostAsJsonAsync("/api/org-units", new { code = "500101901000", name = "崩溃镇", kind = "Town", parentCode = District }))
                    .StatusCode.ShouldBe(HttpStatusCode.Created);
                (await district.PostAsJsonAsync("/api/org-units", new { code = village, name = "崩溃村", kind = "Village", parentCode = "500101901000" }))
                    .StatusCode.ShouldBe(HttpStatusCode.Created);
            }
            var load = new WriteLoad(village);
            var clerkToken = tokens.Issue("clerk", "信息员", Role.VillageClerk, village).Token;
            var committedBeforeRetry = 0;
            var inDoubtTotal = 0;
            for (var crash = 0; crash < Crashes; crash++)
            {
                using var client = api.Client(clerkToken);
                var killPoint = load.AcknowledgedMore(random.Next(5, 60));
                var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => load.Worker(client, random.Next()))).ToList();
                await Task.WhenAny(killPoint, Task.WhenAll(workers));
                await api.Kill();
                await Task.WhenAll(workers);

                api = await ApiProcess.Start(environment);
                var inDoubt = load.InDoubt.ToList();
                var logged = (await EventLog.Read(connectionString, schema)).Select(e => e.CorrelationId).ToHashSet();
                committedBeforeRetry += inDoubt.Count(w => logged.Contains(w.CorrelationId));
                inDoubtTotal += inDoubt.Count;
                using var retryClient = api.Client(clerkToken);
                await load.RetryInDoubt(retryClient);
            }
            output.WriteLine($"{load.Writes.Count} writes, {inDoubtTotal} in doubt at a kill, {committedBeforeRetry} of them committed before the kill");

            await VerifyEveryWriteAppliedExactlyOnce(load, connectionString, schema);
            (await EventLog.Gaps(connectionString, schema)).ShouldBeEmpty();
            (await EventLog.Scalar(connectionString, $"select count(*) from {schema}.mt_doc_idempotentresponse")).ShouldBe(load.Writes.Count);

            using var store = ReadModels.StoreFor(connectionString, schema);
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            var stored = await ReadModels.Snapshot(store, connectionString);
            await api.Kill();
            // Rebuilt as an operator does it: the API's own command line, with the API stopped.
            var (exitCode, rebuildOutput) = await ApiProcess.Run(environment, ["rebuild"], TimeSpan.FromMinutes(5));
            exitCode.ShouldBe(0, rebuildOutput);
            rebuildOutput.ShouldContain("projections rebuilt in");
            var rebuilt = await ReadModels.Snapshot(store, connectionString);
            output.WriteLine(string.Join(", ", stored.Select(t => $"{t.Key}: {t.Value.Count}")));
            stored["HouseholdDetails"].Count.ShouldBe(load.Writes.Count(w => w.Kind == WriteKind.Register));
            var seeded = (await EventLog.Read(connectionString, schema)).Count(e => e.CorrelationId?.StartsWith("seed-", StringComparison.Ordinal) == true);
            const int unitsRegistered = 2; // the town and the village, before the load
            stored["AuditEntry"].Count.ShouldBe(load.Writes.Sum(w => (int)w.EventCount!.Value) + seeded + unitsRegistered);
            ReadModels.Difference(stored, rebuilt).ShouldBeNull();
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>Each write's events are all there, in one block at the versions it acknowledged, and nothing else is.</summary>
    private static async Task VerifyEveryWriteAppliedExactlyOnce(WriteLoad load, string connectionString, string schema)
    {
        var events = await EventLog.Read(connectionString, schema);
        var byCorrelation = events.ToLookup(e => e.CorrelationId);
        var eventsPerKind = load.Writes.GroupBy(w => w.Kind).ToDictionary(g => g.Key, g => g.Select(w => w.EventCount).Distinct().Single());
        foreach (var write in load.Writes)
        {
            write.AcknowledgedVersion.ShouldNotBeNull(write.CorrelationId);
            var own = byCorrelation[write.CorrelationId].OrderBy(e => e.Version).ToList();
            own.Count.ShouldBe((int)eventsPerKind[write.Kind]!.Value, $"{write.Kind} {write.CorrelationId}");
            own.ShouldAllBe(e => e.StreamId == write.Household);
            own.Select(e => e.Version).ShouldBe(Enumerable.Range(0, own.Count).Select(i => write.AcknowledgedVersion!.Value - own.Count + 1 + i));
        }
        // Start-up seeding (the root unit and its policy lines) writes events of its own, under its own correlation; the
        // town's and village's registrations before the load open streams of their own.
        var units = new[] { Registry.Api.Reference.OrgUnitStreams.StreamOf("500101901000"), Registry.Api.Reference.OrgUnitStreams.StreamOf(load.Village) };
        events.Where(e => e.CorrelationId is null
            || (!e.CorrelationId.StartsWith("seed-", StringComparison.Ordinal) && !units.Contains(e.StreamId)
                && !load.Writes.Any(w => w.CorrelationId == e.CorrelationId))).ShouldBeEmpty();
    }
}
