using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.ProcedureRoutes;

/// <summary>Overdue work in the monitoring view, by the 2020 calendar: collection ends 11-01, where risks are reassessed and village steps are due.</summary>
[Collection(ApiCollection.Name)]
public sealed class MonitoringOverdueTests(AppFixture app)
{
    [Fact]
    public async Task The_monitoring_view_shows_and_filters_steps_past_their_deadline_and_risks_not_reassessed()
    {
        var (town, village) = await app.NewVillage();
        var d = new ProcedureDriver(app, town, village);
        var stepLate = await Monitored(d, village, "2020-10-01");
        var elimination = await d.Start(stepLate, "RiskElimination", "2020-10-20");
        await d.Passed("Village", stepLate, elimination, "Assessment", "2020-10-21");
        var reviewLate = await Monitored(d, village, "2020-09-01");
        var onTime = await Monitored(d, village, "2020-10-01");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var all = await View(d, $"org={village}&asOf=2020-11-02");
        all["total"]!.GetValue<long>().ShouldBe(3);
        var rows = all["items"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<Guid>(), r => r!);
        rows[stepLate]["overdue"]!.GetValue<bool>().ShouldBeTrue();
        var step = rows[stepLate]["overdueWork"]!.AsArray().Single()!;
        step["kind"]!.GetValue<string>().ShouldBe("ProcedureStep");
        step["procedureKind"]!.GetValue<string>().ShouldBe("RiskElimination");
        step["procedureId"]!.GetValue<Guid>().ShouldBe(elimination);
        step["step"]!.GetValue<string>().ShouldBe("VillageReview");
        step["dueOn"]!.GetValue<string>().ShouldBe("2020-11-01");
        var review = rows[reviewLate]["overdueWork"]!.AsArray().Single()!;
        review["kind"]!.GetValue<string>().ShouldBe("RiskReview");
        review["dueOn"]!.GetValue<string>().ShouldBe("2020-11-01");
        rows[onTime]["overdue"]!.GetValue<bool>().ShouldBeFalse();
        rows[onTime]["overdueWork"]!.AsArray().ShouldBeEmpty();

        Ids(await View(d, $"org={village}&asOf=2020-11-02&overdue=true")).ShouldBe(new[] { stepLate, reviewLate }.Order());
        Ids(await View(d, $"org={village}&asOf=2020-11-02&overdue=false")).ShouldBe([onTime]);
        Ids(await View(d, $"org={village}&asOf=2020-11-01&overdue=true")).ShouldBeEmpty();
        Ids(await View(d, $"org={village}&asOf=2020-11-01&overdue=false")).Count.ShouldBe(3);

        await (await d.Town.GetAsync($"/api/monitoring?org={village}&asOf=2020-13-01")).ShouldBe(HttpStatusCode.BadRequest, "query.as-of.invalid");
        await (await d.Town.GetAsync($"/api/monitoring?org={village}&overdue=yes")).ShouldBe(HttpStatusCode.BadRequest, "query.boolean.invalid");
    }

    /// <summary>An exited household with a major-illness risk, monitored by a procedure started on the given day (approved nine days later).</summary>
    private static async Task<Guid> Monitored(ProcedureDriver d, string village, string startedOn)
    {
        var household = (await Sample.Register(d.Clerk, village, "Exited", identifiedYear: 2015, exitYear: 2019)).Id;
        await d.Income(household, 10000m);
        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks = new[] { "MajorIllness" }, reason = "户主住院", recordedOn = "2020-08-20" }))
            .ShouldBe(HttpStatusCode.OK);
        await d.Monitor(household, startedOn);
        return household;
    }

    private static async Task<JsonNode> View(ProcedureDriver d, string query) =>
        await (await d.Town.GetAsync($"/api/monitoring?{query}")).ShouldBe(HttpStatusCode.OK);

    private static List<Guid> Ids(JsonNode page) => page["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).Order().ToList();
}
