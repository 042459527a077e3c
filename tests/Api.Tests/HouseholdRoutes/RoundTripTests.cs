using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Registry.Domain.Access;
using Registry.Projections.Households;
using Xunit.Abstractions;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class RoundTripTests(AppFixture app, ITestOutputHelper output)
{
    /// <summary>
    /// With an Idempotency-Key too: the key's record is written in the write's batch and is not looked up first. The household
    /// was registered on this node, so its snapshot is in the node's cache and is not read: one batch appends the event (its
    /// expected version the cached snapshot's) and rewrites the snapshot and the read model made from it (and the idempotency
    /// record when a key is sent); the commit that follows is the second and last round trip, which Npgsql does not trace.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_member_update_on_a_household_this_node_wrote_sends_one_batch(bool withIdempotencyKey)
    {
        var (member, household, clerk) = await RegisteredHousehold();

        var trips = await Statements.During(trace => clerk.Send(HttpMethod.Patch, $"/api/households/{household}/members/{member}",
            new { phone = "13700001111", reason = "换号" }, withIdempotencyKey ? new Dictionary<string, string>(trace) { ["Idempotency-Key"] = "k1" } : trace),
            HttpStatusCode.OK);

        foreach (var trip in trips) output.WriteLine(trip);
        trips.Count.ShouldBe(1);
        trips[0].ShouldContain("append_events");
        trips[0].ShouldContain("mt_doc_householdsnapshot");
        trips[0].ShouldContain("mt_doc_householddetails");
        if (withIdempotencyKey) trips[0].ShouldContain("mt_doc_idempotentresponse");
        else trips[0].ShouldNotContain("mt_doc_idempotentresponse");
    }

    /// <summary>
    /// A household this node does not hold (written elsewhere, or forgotten): one batch reads the stream's version and its
    /// write-side snapshot (never the read model), one batch writes, then the commit.
    /// </summary>
    [Fact]
    public async Task A_member_update_on_a_household_the_node_does_not_hold_reads_it_in_one_batch_first()
    {
        var (member, household, clerk) = await RegisteredHousehold();
        app.Host.Services.GetRequiredService<SnapshotCache>().Clear();

        var trips = await Statements.During(trace => clerk.Send(HttpMethod.Patch, $"/api/households/{household}/members/{member}",
            new { phone = "13700001111", reason = "换号" }, trace), HttpStatusCode.OK);

        foreach (var trip in trips) output.WriteLine(trip);
        trips.Count.ShouldBe(2);
        trips[0].ShouldContain("mt_doc_householdsnapshot");
        trips[0].ShouldNotContain("mt_doc_householddetails");
        trips[1].ShouldContain("append_events");
    }

    private async Task<(Guid Member, Guid Household, HttpClient Clerk)> RegisteredHousehold()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        return (household.Document["members"]![1]!["memberId"]!.GetValue<Guid>(), household.Id, clerk);
    }

    /// <summary>
    /// A list's write side keeps no document: one batch reads the stream's version and its events, and the events appended are
    /// chained from the head that fold gave, not from a second read. The list's inline read model, apart from it, is loaded by
    /// its projection in a read of its own; one batch appends and writes it.
    /// </summary>
    [Fact]
    public async Task A_signature_folds_its_list_once_and_writes_in_one_batch()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var list = (await (await clerk.PostAsJsonAsync("/api/submissions",
            new { villageCode = village, year = 2020, list = "NewPoor", householdIds = new[] { household.Id } })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var trips = await Statements.During(trace => app.Client(Role.VillageHead, village).Send(HttpMethod.Post, $"/api/submissions/{list}/signatures", null, trace),
            HttpStatusCode.OK);

        foreach (var trip in trips) output.WriteLine(trip);
        trips.Count.ShouldBe(3);
        trips[0].ShouldContain("mt_streams");
        trips[1].ShouldContain("mt_doc_submissionview");
        trips[2].ShouldContain("append_events");
    }

    /// <summary>
    /// A whole history read again on this node: one batch reads the household, a fingerprint of the rows the node's history
    /// was made from and the rows after it (none), and sends no event row twice. A masked view logs no read.
    /// </summary>
    [Fact]
    public async Task A_history_read_again_sends_one_batch_that_checks_the_rows_it_was_made_from()
    {
        var (_, household, _) = await RegisteredHousehold();
        var housing = app.Client(Role.HousingDept, AppFixture.District);
        await (await housing.GetAsync($"/api/households/{household}/history")).ShouldBe(HttpStatusCode.OK);
        var histories = app.Host.Services.GetRequiredService<Registry.Api.Households.HistoryCache>();
        var kept = histories.Find(JasperFx.StorageConstants.DefaultTenantId, household, unmasked: false).ShouldNotBeNull();

        var trips = await Statements.During(trace => housing.Send(HttpMethod.Get, $"/api/households/{household}/history", null, trace), HttpStatusCode.OK);

        foreach (var trip in trips) output.WriteLine(trip);
        histories.Find(JasperFx.StorageConstants.DefaultTenantId, household, unmasked: false).ShouldBeSameAs(kept);
        trips.Count.ShouldBe(1);
        trips[0].ShouldContain("bit_xor");
        trips[0].ShouldContain("version > $2");
    }

    /// <summary>The statements Npgsql sends to PostgreSQL on behalf of one request, told apart from the rest of the process by trace.</summary>
    private static class Statements
    {
        private const string TestSource = "Registry.Api.Tests.RoundTrips";

        private static readonly ActivitySource Test = new(TestSource);

        public static async Task<IReadOnlyList<string>> During(Func<IDictionary<string, string>, Task<HttpResponseMessage>> send, HttpStatusCode expected)
        {
            var seen = new ConcurrentQueue<Activity>();
            using var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "Npgsql" or TestSource,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = seen.Enqueue,
            };
            ActivitySource.AddActivityListener(listener);
            TraceId trace;
            using (var request = Test.StartActivity("request")!)
            {
                trace = new TraceId(request.TraceId);
                var traceparent = new Dictionary<string, string> { ["traceparent"] = $"00-{request.TraceId}-{request.SpanId}-01" };
                (await send(traceparent)).StatusCode.ShouldBe(expected);
            }
            return seen.Where(a => a.Source.Name == "Npgsql" && a.TraceId == trace.Value)
                .Select(a => $"{a.DisplayName}: {a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")}").ToList();
        }

        private readonly record struct TraceId(ActivityTraceId Value);
    }
}
