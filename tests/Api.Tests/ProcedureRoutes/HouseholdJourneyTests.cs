using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.ProcedureRoutes;

/// <summary>One household through a whole year of dynamic management, every status change by its procedure.</summary>
[Collection(ApiCollection.Name)]
public sealed class HouseholdJourneyTests(AppFixture app)
{
    [Fact]
    public async Task A_household_is_identified_exits_is_monitored_and_has_its_risk_eliminated_and_its_history_tells_it_in_order()
    {
        var (town, village) = await app.NewVillage();
        var d = new ProcedureDriver(app, town, village);
        var household = (await Sample.Register(d.Clerk, village, status: "Unregistered", registeredOn: "2020-08-01")).Id;

        await d.Income(household, 6000m);
        var identification = await d.Start(household, "Identification", "2020-09-01");
        await d.Passed("Village", household, identification, "Application", "2020-09-02");
        await d.Passed("Village", household, identification, "HouseholdSurvey", "2020-09-03");
        await d.Passed("Village", household, identification, "GroupAppraisal", "2020-09-05", ProcedureDriver.Appraisal());
        await d.Passed("District", household, identification, "Comparison", "2020-09-08");
        await d.Passed("Village", household, identification, "VillageAppraisal", "2020-09-10", ProcedureDriver.Appraisal());
        await d.Passed("Village", household, identification, "VillagePublicity", "2020-09-17", ProcedureDriver.Publicity("2020-09-10", "2020-09-17"));
        await d.Passed("Town", household, identification, "TownReview", "2020-09-25", ProcedureDriver.Publicity("2020-09-18", "2020-09-25"));
        await d.Passed("District", household, identification, "DistrictAnnouncement", "2020-09-28", ProcedureDriver.Document("公告〔2020〕20号"));
        (await d.Read(household))["status"]!.GetValue<string>().ShouldBe("Poor");

        await d.ResolveAllGuarantees(household);
        await d.Income(household, 8400m);
        await d.VerifyIncome(household);
        var exit = await d.Start(household, "Exit", "2020-10-01");
        await d.Passed("Village", household, exit, "Nomination", "2020-10-02");
        await d.Passed("Village", household, exit, "DemocraticAppraisal", "2020-10-05", ProcedureDriver.Appraisal());
        await d.Passed("Village", household, exit, "VillagePublicity", "2020-10-13", ProcedureDriver.Publicity("2020-10-06", "2020-10-13"));
        await d.Passed("Town", household, exit, "TownReview", "2020-10-15");
        await d.Passed("District", household, exit, "DistrictDetermination", "2020-10-25");
        await d.Passed("District", household, exit, "DistrictAnnouncement", "2020-10-30", ProcedureDriver.Document("公告〔2020〕30号"));
        (await d.Read(household))["status"]!.GetValue<string>().ShouldBe("Exited");

        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks = new[] { "MajorIllness" }, reason = "户主住院" }))
            .ShouldBe(HttpStatusCode.OK);
        await d.Monitor(household, "2020-11-01");
        (await d.Read(household))["monitoring"]!["kind"]!.GetValue<string>().ShouldBe("UnstableExited");

        await (await app.Client(Role.WorkTeam, village).PostAsJsonAsync($"/api/households/{household}/assistance",
            new { category = "Health", description = "大病救助", startedOn = "2020-11-12", amount = 5000m, responsible = "刘帮扶" })).ShouldBe(HttpStatusCode.OK);
        await d.Income(household, 13000m);
        var elimination = await d.Start(household, "RiskElimination", "2020-11-20");
        await d.Passed("Village", household, elimination, "Assessment", "2020-11-21");
        await d.Passed("Village", household, elimination, "VillageReview", "2020-11-22");
        await d.Passed("Town", household, elimination, "TownReview", "2020-11-24");
        await d.Passed("District", household, elimination, "DistrictApproval", "2020-11-26");

        var document = await d.Read(household);
        document["status"]!.GetValue<string>().ShouldBe("Exited");
        document["monitoring"]!["kind"]!.GetValue<string>().ShouldBe("UnstableExited");
        document["monitoring"]!["eliminated"]!.GetValue<bool>().ShouldBeTrue();
        document["openProcedures"]!.AsArray().ShouldBeEmpty();

        var history = (await (await d.Clerk.GetAsync($"/api/households/{household}/history")).Json()).AsArray();
        var decisions = history.Select(e => e!["type"]!.GetValue<string>())
            .Where(t => t is "household.identified-as-poor.v1" or "household.marked-pre-exit.v1" or "household.exited.v1"
                or "household.monitoring-identified.v1" or "household.risk-eliminated.v1")
            .ToList();
        decisions.ShouldBe(["household.identified-as-poor.v1", "household.marked-pre-exit.v1", "household.exited.v1",
            "household.monitoring-identified.v1", "household.risk-eliminated.v1"]);
        history.Select(e => e!["version"]!.GetValue<long>()).ShouldBe(Enumerable.Range(1, history.Count).Select(v => (long)v));
        var report = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/verify?household={household}")).ShouldBe(HttpStatusCode.OK);
        report["valid"]!.GetValue<bool>().ShouldBeTrue();
    }
}
