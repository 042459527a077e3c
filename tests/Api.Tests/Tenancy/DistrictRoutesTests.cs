using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.BulkRoutes;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Wolverine;
using Wolverine.Tracking;

namespace Registry.Api.Tests.Tenancy;

/// <summary>The routes and the background work they start, with a database per district: each stays in the caller's district.</summary>
[Collection(DistrictCollection.Name)]
public sealed class DistrictRoutesTests(DistrictHost districts)
{
    private AppFixture App => districts.App;

    [Fact]
    public async Task An_import_a_cleaning_run_and_the_sensitive_reads_they_cause_stay_in_the_callers_district()
    {
        var (town, village) = await districts.NewVillage(DistrictHost.Fuling);
        var officer = App.Client(Role.TownOfficer, town, "importer-fuling", "镇扶贫办");
        var csv = ImportDriver.Csv(
        [
            ["1", village, "一组", null, "Unregistered", null, null, "2019-12-01", "王大山", People.IdNumber(true, region: "500102"), "Head"],
            ["2", village, "二组", null, "Unregistered", null, null, "2019-12-01", "赵一", People.IdNumber(true, region: "500102"), "Head"],
        ], ImportDriver.EnglishHeaders);

        var (import, _) = await ImportDriver.Run(App, officer, csv, "fuling.csv");

        import["applied"]!.GetValue<int>().ShouldBe(2);
        var household = ImportDriver.HouseholdId(import, 2);
        (await districts.Count(DistrictHost.Fuling, $"select count(*) from {{schema}}.mt_doc_householddetails where data ->> 'villageCode' = '{village}'"))
            .ShouldBe(2);
        (await districts.Count(DistrictHost.Wanzhou, $"select count(*) from {{schema}}.mt_doc_householddetails where id = '{household}'")).ShouldBe(0);
        (await App.Client(Role.DistrictOfficer, DistrictHost.Wanzhou).GetAsync($"/api/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await (await officer.GetAsync($"/api/households/{household}")).ShouldBe(HttpStatusCode.OK);
        var logged = $"select count(*) from {{schema}}.mt_doc_sensitiveread where data ->> 'householdId' = '{household}'";
        (await districts.Count(DistrictHost.Fuling, logged)).ShouldBeGreaterThan(0);
        (await districts.Count(DistrictHost.Wanzhou, logged)).ShouldBe(0);

        HttpResponseMessage? started = null;
        await App.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            started = await officer.PostAsJsonAsync("/api/data-quality/runs", new { org = village, campaignYear = 2020 })));
        var run = await started!.ShouldBe(HttpStatusCode.Accepted);
        var runId = run["id"]!.GetValue<Guid>();
        var finished = await (await officer.GetAsync($"/api/data-quality/runs/{runId}")).ShouldBe(HttpStatusCode.OK);
        finished["status"]!.GetValue<string>().ShouldBe("Completed", finished.ToJsonString());
        finished["householdsChecked"]!.GetValue<int>().ShouldBe(2);
        // The problems the run opened, written a batch at a time, are stored under the tenant every other event of the district is.
        finished["opened"]!.GetValue<int>().ShouldBeGreaterThan(0);
        (await districts.Count(DistrictHost.Fuling, "select count(distinct e.tenant_id) from {schema}.mt_events e join {schema}.mt_streams s on s.id = e.stream_id where s.type in ('problem_view', 'household_details')")).ShouldBe(1);
        (await districts.Count(DistrictHost.Wanzhou, $"select count(*) from {{schema}}.mt_doc_dataqualityrun where id = '{runId}'")).ShouldBe(0);
    }

    [Fact]
    public async Task Each_district_has_its_own_tree_checkpoints_and_whole_store_verification()
    {
        foreach (var (district, households) in new[] { (DistrictHost.Wanzhou, 1), (DistrictHost.Fuling, 2) })
        {
            var (_, village) = await districts.NewVillage(district);
            var clerk = App.Client(Role.VillageClerk, village);
            for (var i = 0; i < households; i++) await Sample.Register(clerk, village, status: "Unregistered");
        }

        foreach (var district in DistrictHost.Districts)
        {
            var inspector = App.Client(Role.Inspector, district, $"inspector-{district}", "督查员");
            var checkpoint = await (await inspector.PostAsync("/api/audit/checkpoints", null)).ShouldBe(HttpStatusCode.Created);
            var events = await districts.Count(district, "select count(*) from {schema}.mt_events");
            checkpoint["treeSize"]!.GetValue<long>().ShouldBe(events);

            HttpResponseMessage? started = null;
            await App.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
                started = await inspector.PostAsync("/api/audit/verifications", null)));
            var id = (await started!.ShouldBe(HttpStatusCode.Accepted))["verificationId"]!.GetValue<Guid>();
            var run = await (await inspector.GetAsync($"/api/audit/verifications/{id}")).ShouldBe(HttpStatusCode.OK);
            run["status"]!.GetValue<string>().ShouldBe("Completed", run.ToJsonString());
            run["valid"]!.GetValue<bool>().ShouldBeTrue(run.ToJsonString());
            run["eventsChecked"]!.GetValue<long>().ShouldBe(events);
        }
    }

    [Fact]
    public async Task The_console_shows_a_household_from_the_readers_district_database()
    {
        var (_, village) = await districts.NewVillage(DistrictHost.Fuling);
        var household = await Sample.Register(App.Client(Role.VillageClerk, village), village, status: "Unregistered");
        using var browser = App.Host.Server.CreateClient();

        foreach (var (district, expected) in new[] { (DistrictHost.Fuling, HttpStatusCode.OK), (DistrictHost.Wanzhou, HttpStatusCode.NotFound) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/console/households/{household.Id}");
            request.Headers.Add("Cookie", $"registry-console={App.Token(Role.DistrictOfficer, district)}");
            (await browser.SendAsync(request)).StatusCode.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_the_first_answer_from_the_district_database()
    {
        var (_, village) = await districts.NewVillage(DistrictHost.Wanzhou);
        var clerk = App.Client(Role.VillageClerk, village);
        var body = new
        {
            villageCode = village, status = "Unregistered", registeredOn = "2020-01-01",
            members = new[] { Sample.Member("王大山", People.IdNumber(male: true), "Head") },
        };
        var answers = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/households") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "district-key-1");
            answers.Add((await (await clerk.SendAsync(request)).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        answers.Distinct().ShouldHaveSingleItem();
        (await districts.Count(DistrictHost.Wanzhou, $"select count(*) from {{schema}}.mt_doc_householddetails where data ->> 'villageCode' = '{village}'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task A_caller_whose_district_has_no_database_here_is_refused()
    {
        var stranger = App.Client(Role.DistrictOfficer, "500103000000");

        await (await stranger.GetAsync("/api/households?org=500103000000")).ShouldBe(HttpStatusCode.Forbidden, "tenancy.district-not-served");
        await (await stranger.PostAsJsonAsync("/api/org-units", new { code = "500103001000", name = "镇", kind = "Town", parentCode = "500103000000" }))
            .ShouldBe(HttpStatusCode.Forbidden, "tenancy.district-not-served");
    }
}
