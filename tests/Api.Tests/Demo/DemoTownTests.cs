using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Registry.Demo;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Procedures;

namespace Registry.Api.Tests.Demo;

[Collection(DemoCollection.Name)]
public sealed class DemoTownTests(DemoTownFixture demo)
{
    private string Town => demo.Options.TownCode;

    private HttpClient District => demo.App.Client(Role.DistrictOfficer, AppFixture.District);

    [Fact]
    public async Task At_start_up_the_town_its_villages_and_its_households_are_loaded_and_readable_on_the_roster()
    {
        var town = await (await District.GetAsync($"/api/org-units/{Town}")).ShouldBe(HttpStatusCode.OK);
        town["children"]!.AsArray().Count.ShouldBe(DemoGenerator.VillageCount);

        var roster = await (await District.GetAsync($"/api/households?org={Town}&pageSize=200")).ShouldBe(HttpStatusCode.OK);
        roster["total"]!.GetValue<long>().ShouldBe(demo.Options.Households);
        var statuses = roster["items"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToHashSet();
        statuses.ShouldBe(["Poor", "Exited", "Unregistered", "Removed"], ignoreOrder: true);
        demo.App.Logs.Lines.Count(l => l.Contains($"Demo town {Town}", StringComparison.Ordinal) && l.Contains("households added")).ShouldBe(1);
    }

    [Fact]
    public async Task A_households_history_shows_the_demo_actor_with_a_reason_on_every_event_and_an_intact_hash_chain()
    {
        var roster = await (await District.GetAsync($"/api/households?org={Town}&pageSize=200")).Json();
        var longest = roster["items"]!.AsArray().MaxBy(h => h!["version"]!.GetValue<long>())!;
        var id = longest["id"]!.GetValue<Guid>();

        var history = (await (await District.GetAsync($"/api/households/{id}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        history.Count.ShouldBe((int)longest["version"]!.GetValue<long>());
        foreach (var entry in history)
        {
            entry!["actor"]!["userId"]!.GetValue<string>().ShouldBe(DemoActor.UserId);
            entry["actor"]!["name"]!.GetValue<string>().ShouldBe(DemoActor.Name);
            entry["reason"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }
        history.Select(e => e!["actor"]!["role"]!.GetValue<string>()).Distinct().Count().ShouldBeGreaterThan(1);

        var inspector = demo.App.Client(Role.Inspector, AppFixture.District);
        var report = await (await inspector.GetAsync($"/api/audit/verify?org={Town}")).ShouldBe(HttpStatusCode.OK);
        report["valid"]!.GetValue<bool>().ShouldBeTrue(report.ToJsonString());
        report["checkedStreams"]!.GetValue<int>().ShouldBe(demo.Options.Households);
    }

    [Fact]
    public async Task Procedures_are_left_in_every_state_open_at_each_step_completed_rejected_and_not_started()
    {
        var queue = await (await District.GetAsync($"/api/procedures?org={Town}&pageSize=500")).ShouldBe(HttpStatusCode.OK);
        var open = queue["items"]!.AsArray();
        foreach (var definition in Enum.GetValues<ProcedureKind>().Select(ProcedureCatalog.Default.Latest))
        {
            var nextSteps = open.Where(p => p!["kind"]!.GetValue<string>() == definition.Kind.ToString())
                .Select(p => p!["nextStep"]!.GetValue<string>()).ToHashSet();
            nextSteps.ShouldBe(definition.Steps.Select(s => s.Name).ToHashSet(), ignoreOrder: true, definition.Kind.ToString());
        }

        var closed = await Changes("procedure.closed.v1");
        foreach (var kind in Enum.GetValues<ProcedureKind>())
        {
            closed.ShouldContain(c => c["summaryEn"]!.GetValue<string>() == $"{kind} procedure Completed");
            closed.ShouldContain(c => c["summaryEn"]!.GetValue<string>() == $"{kind} procedure Rejected");
        }
        var started = (await Changes("procedure.started.v1")).Select(c => c["streamId"]!.GetValue<Guid>()).ToHashSet();
        started.Count.ShouldBeLessThan(demo.Options.Households);
    }

    [Fact]
    public async Task Risks_and_both_kinds_of_monitored_households_show_in_the_monitoring_view()
    {
        var view = await (await District.GetAsync($"/api/monitoring?org={Town}&pageSize=500")).ShouldBe(HttpStatusCode.OK);
        var rows = view["items"]!.AsArray();
        rows.ShouldAllBe(r => r!["risks"]!.AsArray().Count > 0);
        rows.Select(r => r!["kind"]!.GetValue<string>()).ToHashSet().ShouldBe(["UnstableExited", "Marginal"], ignoreOrder: true);
        rows.Select(r => r!["eliminated"]!.GetValue<bool>()).ToHashSet().ShouldBe([true, false], ignoreOrder: true);
        rows.ShouldContain(r => r!["assistanceCount"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Loading_again_adds_nothing()
    {
        async Task<int> Events()
        {
            await using var session = demo.App.Store.QuerySession();
            return await session.Events.QueryAllRawEvents().CountAsync();
        }
        var eventsBefore = await Events();

        var again = await demo.Loader.Load(CancellationToken.None);

        again.Added.ShouldBe(0);
        again.AlreadyPresent.ShouldBe(demo.Options.Households);
        again.NotLoadedBecause.ShouldBeNull();
        (await Events()).ShouldBe(eventsBefore);
        var roster = await (await District.GetAsync($"/api/households?org={Town}&pageSize=1")).Json();
        roster["total"]!.GetValue<long>().ShouldBe(demo.Options.Households);
    }

    private async Task<List<JsonNode>> Changes(string type)
    {
        var body = await (await District.GetAsync($"/api/audit/changes?org={Town}&type={type}&pageSize=500")).ShouldBe(HttpStatusCode.OK);
        body["total"]!.GetValue<long>().ShouldBeLessThan(500);
        return body["items"]!.AsArray().Select(n => n!).ToList();
    }
}
