using System.Net;
using System.Net.Http.Json;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.ProcedureRoutes;

[Collection(ApiCollection.Name)]
public sealed class ProcedureTests(AppFixture app)
{
    private async Task<(ProcedureDriver Driver, string Town, string Village)> Setup()
    {
        var (town, village) = await app.NewVillage();
        return (new ProcedureDriver(app, town, village), town, village);
    }

    [Fact]
    public async Task Identification_takes_eight_steps_and_makes_the_household_poor_and_newly_poor()
    {
        var (d, _, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village, status: "Unregistered")).Id;
        await d.Income(household, 6000m);
        var p = await d.Start(household, "Identification", "2020-10-01");
        await d.Passed("Village", household, p, "Application", "2020-10-02");
        await d.Passed("Village", household, p, "HouseholdSurvey", "2020-10-03");
        await d.Passed("Village", household, p, "GroupAppraisal", "2020-10-05", ProcedureDriver.Appraisal());
        await d.Passed("District", household, p, "Comparison", "2020-10-08");
        await d.Passed("Village", household, p, "VillageAppraisal", "2020-10-10", ProcedureDriver.Appraisal());
        await d.Passed("Village", household, p, "VillagePublicity", "2020-10-17", ProcedureDriver.Publicity("2020-10-10", "2020-10-17"));
        var beforeLast = await d.Read(household);
        beforeLast["openProcedures"]![0]!["nextStep"]!.GetValue<string>().ShouldBe("TownReview");
        beforeLast["openProcedures"]![0]!["nextStepRoles"]![0]!.GetValue<string>().ShouldBe("TownOfficer");
        await d.Passed("Town", household, p, "TownReview", "2020-10-25", ProcedureDriver.Publicity("2020-10-18", "2020-10-25"));
        var last = await d.Passed("District", household, p, "DistrictAnnouncement", "2020-10-28", ProcedureDriver.Document("万州扶贫办公告〔2020〕12号"));
        last["closed"]!.GetValue<bool>().ShouldBeTrue();

        var document = await d.Read(household);
        document["status"]!.GetValue<string>().ShouldBe("Poor");
        document["identifiedYear"]!.GetValue<int>().ShouldBe(2020);
        document["marks"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("NewlyPoor");
        document["openProcedures"]!.AsArray().ShouldBeEmpty();
        var history = (await (await d.Clerk.GetAsync($"/api/households/{household}/history")).Json()).AsArray();
        var decision = history.Single(e => e!["type"]!.GetValue<string>() == "household.identified-as-poor.v1")!;
        decision["data"]!["definitionVersion"]!.GetValue<int>().ShouldBe(1);
        decision["data"]!["policyYear"]!.GetValue<int>().ShouldBe(2020);
        decision["actor"]!["role"]!.GetValue<string>().ShouldBe("DistrictOfficer");
    }

    [Fact]
    public async Task Step_rules_refuse_with_the_rule_named()
    {
        var (d, _, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village, status: "Unregistered")).Id;
        var p = await d.Start(household, "Identification", "2020-10-01");
        await (await d.Clerk.PostAsJsonAsync($"/api/households/{household}/procedures", new { kind = "Identification" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "procedure.already-open");
        await (await d.Step("Village", household, p, "HouseholdSurvey", "2020-10-02")).ShouldBe(HttpStatusCode.UnprocessableEntity, "procedure.step-out-of-order");
        await (await d.Step("Village", household, p, "Dance", "2020-10-02")).ShouldBe(HttpStatusCode.BadRequest, "procedure.step-unknown");
        await (await d.Step("Town", household, p, "Application", "2020-10-02")).ShouldBe(HttpStatusCode.Forbidden, "procedure.step-role");
        await (await d.Step("Village", household, p, "Application", "2020-09-30")).ShouldBe(HttpStatusCode.UnprocessableEntity, "procedure.step-date-before-previous");
        await (await d.Step("Village", household, p, "Application", "2999-01-01")).ShouldBe(HttpStatusCode.BadRequest, "date.in-future");
        await d.Passed("Village", household, p, "Application", "2020-10-02");
        await d.Passed("Village", household, p, "HouseholdSurvey", "2020-10-03");
        await (await d.Step("Village", household, p, "GroupAppraisal", "2020-10-05")).ShouldBe(HttpStatusCode.BadRequest, "procedure.evidence.attendees-required");
        await (await d.Step("Village", household, p, "GroupAppraisal", "2020-10-05", ProcedureDriver.Appraisal(20, 8, 9)))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "procedure.appraisal-not-carried");
        await d.Passed("Village", household, p, "GroupAppraisal", "2020-10-05", ProcedureDriver.Appraisal());
        await d.Passed("District", household, p, "Comparison", "2020-10-08");
        await d.Passed("Village", household, p, "VillageAppraisal", "2020-10-10", ProcedureDriver.Appraisal());
        await (await d.Step("Village", household, p, "VillagePublicity", "2020-10-15", ProcedureDriver.Publicity("2020-10-10", "2020-10-15")))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "procedure.publicity-too-short");
        await (await d.Step("Village", household, p, "VillagePublicity", "2020-10-12", ProcedureDriver.Publicity("2020-10-10", "2020-10-17")))
            .ShouldBe(HttpStatusCode.BadRequest, "procedure.evidence.publicity-not-ended");

        var rejected = await (await d.Step("Village", household, p, "VillagePublicity", "2020-10-17", ProcedureDriver.Publicity("2020-10-10", "2020-10-17"), "Rejected"))
            .ShouldBe(HttpStatusCode.OK);
        rejected["closed"]!.GetValue<bool>().ShouldBeTrue();
        var document = await d.Read(household);
        document["status"]!.GetValue<string>().ShouldBe("Unregistered");
        document["openProcedures"]!.AsArray().ShouldBeEmpty();
        await (await d.Step("Village", household, p, "TownReview", "2020-10-20")).ShouldBe(HttpStatusCode.NotFound, "procedure.not-found");
    }

    [Fact]
    public async Task Exit_marks_pre_exit_then_needs_every_guarantee_income_at_the_line_and_the_towns_verification_of_it()
    {
        var (d, _, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village)).Id;
        await d.Income(household, 7000m);
        await d.ResolveAllGuarantees(household, except: "Water");
        var exit = await d.ExitUpToTownReview(household);
        (await d.Read(household))["marks"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("PreExit");

        await (await d.Step("District", household, exit, "DistrictDetermination", "2020-10-25"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "exit.guarantee-unresolved");
        await (await app.Client(Role.WaterDept, AppFixture.District).PutAsJsonAsync($"/api/households/{household}/guarantees/Water",
            new { status = "Resolved", certifiedOn = "2020-10-22" })).ShouldBe(HttpStatusCode.OK);
        await (await d.Step("District", household, exit, "DistrictDetermination", "2020-10-25"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "exit.income-below-line");
        await d.Income(household, 8400m);
        await (await d.Step("District", household, exit, "DistrictDetermination", "2020-10-25"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "exit.income-unverified");
        await (await d.Clerk.PostAsJsonAsync($"/api/households/{household}/incomes/2020/verification", new { note = "x" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await d.VerifyIncome(household);
        (await d.Read(household))["incomes"]![0]!["verifiedOn"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        await d.Passed("District", household, exit, "DistrictDetermination", "2020-10-25");
        await d.Passed("District", household, exit, "DistrictAnnouncement", "2020-10-30", ProcedureDriver.Document("公告〔2020〕30号"));

        var document = await d.Read(household);
        document["status"]!.GetValue<string>().ShouldBe("Exited");
        document["exitYear"]!.GetValue<int>().ShouldBe(2020);
        document["marks"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldNotContain("PreExit");
    }

    [Fact]
    public async Task Exit_is_refused_while_the_households_own_records_show_a_guarantee_unresolved_whatever_was_certified()
    {
        var (d, _, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village)).Id;
        await d.Income(household, 8400m);
        await d.VerifyIncome(household);
        await d.ResolveAllGuarantees(household);
        var exit = await d.ExitUpToTownReview(household);
        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/facts",
            new { povertyCauses = new[] { "Illness" }, housingSafety = "Unsafe", drinkingWaterSafety = "Safe", reason = "入户核实" })).ShouldBe(HttpStatusCode.OK);

        var refused = await (await d.Step("District", household, exit, "DistrictDetermination", "2020-10-25"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "exit.guarantee-unresolved");
        refused["detail"]!.GetValue<string>().ShouldContain("Housing (housing recorded unsafe)");

        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/facts",
            new { povertyCauses = new[] { "Illness" }, housingSafety = "Renovated", drinkingWaterSafety = "Safe", reason = "危房改造完成" })).ShouldBe(HttpStatusCode.OK);
        await d.Passed("District", household, exit, "DistrictDetermination", "2020-10-25");
    }

    [Fact]
    public async Task An_exited_household_goes_into_monitoring_and_out_of_risk()
    {
        var (d, town, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village, status: "Exited", identifiedYear: 2015, exitYear: 2019)).Id;
        await d.Income(household, 10000m);
        var monitoring = await d.Start(household, "Monitoring", "2020-10-01");
        await d.Passed("Village", household, monitoring, "Report", "2020-10-02");
        await d.Passed("Village", household, monitoring, "InformationCollection", "2020-10-03");
        await d.Passed("Town", household, monitoring, "TownReview", "2020-10-05");
        await d.Passed("District", household, monitoring, "DistrictScreening", "2020-10-08");
        await (await d.Step("District", household, monitoring, "DistrictApproval", "2020-10-10"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "monitoring.no-risk");
        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks = new[] { "MajorIllness" }, reason = "户主住院" }))
            .ShouldBe(HttpStatusCode.OK);
        await d.Passed("District", household, monitoring, "DistrictApproval", "2020-10-10");
        var document = await d.Read(household);
        document["monitoring"]!["kind"]!.GetValue<string>().ShouldBe("UnstableExited");
        document["monitoring"]!["eliminated"]!.GetValue<bool>().ShouldBeFalse();

        var elimination = await d.Start(household, "RiskElimination", "2020-11-01");
        await d.Passed("Village", household, elimination, "Assessment", "2020-11-02");
        await d.Passed("Village", household, elimination, "VillageReview", "2020-11-03");
        await d.Passed("Town", household, elimination, "TownReview", "2020-11-04");
        await (await d.Step("District", household, elimination, "DistrictApproval", "2020-11-05"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "risk-elimination.no-assistance");
        await (await app.Client(Role.WorkTeam, village).PostAsJsonAsync($"/api/households/{household}/assistance",
            new { category = "Health", description = "大病救助", startedOn = "2020-10-12", amount = 5000m, responsible = "刘帮扶" })).ShouldBe(HttpStatusCode.OK);
        await (await d.Step("District", household, elimination, "DistrictApproval", "2020-11-05"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "risk-elimination.income-below-line");
        await d.Income(household, 13000m);
        await d.Passed("District", household, elimination, "DistrictApproval", "2020-11-05");
        (await d.Read(household))["monitoring"]!["eliminated"]!.GetValue<bool>().ShouldBeTrue();

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var view = await (await d.Town.GetAsync($"/api/monitoring?org={town}")).ShouldBe(HttpStatusCode.OK);
        var row = view["items"]!.AsArray().Single()!;
        row["kind"]!.GetValue<string>().ShouldBe("UnstableExited");
        row["risks"]![0]!.GetValue<string>().ShouldBe("MajorIllness");
        row["assistanceCount"]!.GetValue<int>().ShouldBe(1);
        row["eliminated"]!.GetValue<bool>().ShouldBeTrue();
        row["lastAssessedOn"]!.GetValue<string>().ShouldBe("2020-11-05");
        // The totals by kind are kept as households are identified; a filter by elimination or risk counts the rows.
        view["total"]!.GetValue<long>().ShouldBe(1);
        (await (await d.Town.GetAsync($"/api/monitoring?org={town}&kind=UnstableExited")).Json())["total"]!.GetValue<long>().ShouldBe(1);
        (await (await d.Town.GetAsync($"/api/monitoring?org={town}&kind=Marginal")).Json())["total"]!.GetValue<long>().ShouldBe(0);
        (await (await d.Town.GetAsync($"/api/monitoring?org={town}&eliminated=true")).Json())["total"]!.GetValue<long>().ShouldBe(1);
        (await (await d.Town.GetAsync($"/api/monitoring?org={town}&eliminated=false")).Json())["total"]!.GetValue<long>().ShouldBe(0);
        (await (await d.Town.GetAsync($"/api/monitoring?org={town}&risk=Disaster")).Json())["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task An_unregistered_household_at_risk_becomes_marginal_only_under_the_monitoring_line()
    {
        var (d, _, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village, status: "Unregistered")).Id;
        await d.Income(household, 13000m);
        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks = new[] { "UnstableEmployment" }, reason = "失业" }))
            .ShouldBe(HttpStatusCode.OK);
        var monitoring = await d.Start(household, "Monitoring", "2020-10-01");
        await d.Passed("Village", household, monitoring, "Report", "2020-10-02");
        await d.Passed("Village", household, monitoring, "InformationCollection", "2020-10-03");
        await d.Passed("Town", household, monitoring, "TownReview", "2020-10-05");
        await d.Passed("District", household, monitoring, "DistrictScreening", "2020-10-08");
        await (await d.Step("District", household, monitoring, "DistrictApproval", "2020-10-10"))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "monitoring.income-above-line");
        await d.Income(household, 11000m);
        await d.Passed("District", household, monitoring, "DistrictApproval", "2020-10-10");
        (await d.Read(household))["monitoring"]!["kind"]!.GetValue<string>().ShouldBe("Marginal");
    }

    [Fact]
    public async Task A_wrongly_registered_exited_household_is_flagged_then_removed()
    {
        var (d, town, village) = await Setup();
        var registered = await Sample.Register(d.Clerk, village, status: "Exited", identifiedYear: 2015, exitYear: 2018);
        var household = registered.Id;
        await (await d.Clerk.PostAsJsonAsync($"/api/households/{household}/procedures", new { kind = "Removal" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "procedure.not-applicable");
        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/flags/not-enjoying-policy", new { reason = "x" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await d.Town.PutAsJsonAsync($"/api/households/{household}/flags/not-enjoying-policy", new { }))
            .ShouldBe(HttpStatusCode.BadRequest, "reason.required");
        await (await d.Town.PutAsJsonAsync($"/api/households/{household}/flags/not-enjoying-policy", new { reason = "家有商品房和营运车辆" }))
            .ShouldBe(HttpStatusCode.OK);

        var removal = await d.Start(household, "Removal", "2020-10-01");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var queue = await (await d.Town.GetAsync($"/api/procedures?org={town}&kind=Removal")).ShouldBe(HttpStatusCode.OK);
        var item = queue["items"]!.AsArray().Single()!;
        item["procedureId"]!.GetValue<Guid>().ShouldBe(removal);
        // The totals by kind are kept as procedures start and close, not counted.
        queue["total"]!.GetValue<long>().ShouldBe(1);
        (await (await d.Town.GetAsync($"/api/procedures?org={town}")).Json())["total"]!.GetValue<long>().ShouldBe(1);
        (await (await d.Town.GetAsync($"/api/procedures?org={town}&kind=Identification")).Json())["total"]!.GetValue<long>().ShouldBe(0);
        item["nextStep"]!.GetValue<string>().ShouldBe("Verification");
        (await (await d.Town.GetAsync($"/api/procedures?org={town}&step=TownReview")).Json())["total"]!.GetValue<long>().ShouldBe(0);
        // The district's queue reads its own level's index (the village code's first six digits), as the town's reads the first nine.
        var districtQueue = await (await app.Client(Role.DistrictOfficer, AppFixture.District)
            .GetAsync($"/api/procedures?org={AppFixture.District}&kind=Removal&step=Verification&pageSize=500")).ShouldBe(HttpStatusCode.OK);
        districtQueue["items"]!.AsArray().Select(i => i!["procedureId"]!.GetValue<Guid>()).ShouldContain(removal);

        await d.Passed("Village", household, removal, "Verification", "2020-10-02");
        await d.Passed("Village", household, removal, "VillageAppraisal", "2020-10-05", ProcedureDriver.Appraisal());
        await d.Passed("Town", household, removal, "TownReview", "2020-10-08");
        await d.Passed("District", household, removal, "DistrictApproval", "2020-10-12", ProcedureDriver.Document("清退〔2020〕3号"));
        var document = await d.Read(household);
        document["status"]!.GetValue<string>().ShouldBe("Removed");
        await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks = new[] { "Other" }, reason = "x" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "household.removed");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await (await d.Town.GetAsync($"/api/procedures?org={town}")).Json())["total"]!.GetValue<long>().ShouldBe(0);
        // Campaign progress counts the village's households without it; the roster still lists it, as removed.
        (await (await d.Town.GetAsync($"/api/campaigns/2020/progress?org={village}")).Json())["villages"]![0]!["households"]!.GetValue<int>().ShouldBe(0);
        (await (await d.Town.GetAsync($"/api/households?org={village}")).Json())["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task An_exited_household_identified_again_is_marked_returned_to_poverty()
    {
        var (d, _, village) = await Setup();
        var household = (await Sample.Register(d.Clerk, village, status: "Exited", identifiedYear: 2015, exitYear: 2018)).Id;
        await d.Income(household, 5000m);
        var p = await d.Start(household, "Identification", "2020-10-01");
        string[] village1 = ["Application", "HouseholdSurvey"];
        foreach (var (step, day) in village1.Select((s, i) => (s, $"2020-10-0{i + 2}"))) await d.Passed("Village", household, p, step, day);
        await d.Passed("Village", household, p, "GroupAppraisal", "2020-10-05", ProcedureDriver.Appraisal());
        await d.Passed("District", household, p, "Comparison", "2020-10-08");
        await d.Passed("Village", household, p, "VillageAppraisal", "2020-10-10", ProcedureDriver.Appraisal());
        await d.Passed("Village", household, p, "VillagePublicity", "2020-10-17", ProcedureDriver.Publicity("2020-10-10", "2020-10-17"));
        await d.Passed("Town", household, p, "TownReview", "2020-10-25", ProcedureDriver.Publicity("2020-10-18", "2020-10-25"));
        await d.Passed("District", household, p, "DistrictAnnouncement", "2020-10-28", ProcedureDriver.Document("公告"));
        var document = await d.Read(household);
        document["status"]!.GetValue<string>().ShouldBe("Poor");
        document["marks"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("ReturnedToPoverty");
    }
}
