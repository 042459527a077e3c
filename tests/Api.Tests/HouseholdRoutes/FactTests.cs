using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class FactTests(AppFixture app)
{
    [Fact]
    public async Task Income_is_divided_by_the_members_on_record_and_given_net_and_disposable()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var response = await clerk.PostAsJsonAsync($"/api/households/{household.Id}/incomes",
            new { year = 2020, wage = 9000m, business = 2000m, property = 100m, transfer = 1500m, productionCosts = 600m, transferExpenses = 1000m });
        var body = await response.ShouldBe(HttpStatusCode.OK);
        body["perCapita"]!.GetValue<decimal>().ShouldBe(6000m);
        body["perCapitaNet"]!.GetValue<decimal>().ShouldBe(6000m);
        body["perCapitaDisposable"]!.GetValue<decimal>().ShouldBe(5500m);
        body["householdSize"]!.GetValue<int>().ShouldBe(2);
        var income = (await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["incomes"]![0]!;
        income["perCapita"]!.GetValue<decimal>().ShouldBe(6000m);
        income["perCapitaNet"]!.GetValue<decimal>().ShouldBe(6000m);
        income["perCapitaDisposable"]!.GetValue<decimal>().ShouldBe(5500m);
        income["transferExpenses"]!.GetValue<decimal>().ShouldBe(1000m);
        income["verifiedOn"].ShouldBeNull();

        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/incomes", new { year = 2020, wage = -1m }))
            .ShouldBe(HttpStatusCode.BadRequest, "money.negative");
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/incomes", new { year = 2099, wage = 1m }))
            .ShouldBe(HttpStatusCode.BadRequest, "year.out-of-range");
    }

    [Fact]
    public async Task Each_guarantee_is_certified_only_by_its_department()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}/guarantees";
        await (await app.Client(Role.HousingDept, AppFixture.District).PutAsJsonAsync($"{url}/Housing", new { status = "Resolved" }))
            .ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.EducationDept, AppFixture.District).PutAsJsonAsync($"{url}/Housing", new { status = "Resolved" }))
            .ShouldBe(HttpStatusCode.Forbidden, "guarantee.wrong-department");
        await (await app.Client(Role.TownOfficer, town).PutAsJsonAsync($"{url}/FoodClothing", new { status = "Unresolved", note = "缺衣被" }))
            .ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.TownOfficer, town).PutAsJsonAsync($"{url}/Comfort", new { status = "Resolved" }))
            .ShouldBe(HttpStatusCode.BadRequest, "query.enum.unknown");

        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["guarantees"]!["Housing"]!.GetValue<string>().ShouldBe("Resolved");
        document["guarantees"]!["FoodClothing"]!.GetValue<string>().ShouldBe("Unresolved");
        document["guarantees"]!["Water"]!.GetValue<string>().ShouldBe("Unknown");
    }

    [Fact]
    public async Task Risks_need_a_reason_and_one_to_five_kinds()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}/risks";
        await (await clerk.PutAsJsonAsync(url, new { risks = new[] { "MajorIllness" } })).ShouldBe(HttpStatusCode.BadRequest, "reason.required");
        await (await clerk.PutAsJsonAsync(url, new { risks = Array.Empty<string>(), reason = "走访" })).ShouldBe(HttpStatusCode.BadRequest, "risks.count");
        await (await clerk.PutAsJsonAsync(url, new { risks = new[] { "Flood" }, reason = "走访" })).ShouldBe(HttpStatusCode.BadRequest, "request.enum.unknown");
        await (await clerk.PutAsJsonAsync(url, new { risks = new[] { "MajorIllness", "Epidemic" }, reason = "走访发现" })).ShouldBe(HttpStatusCode.OK);
        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["monitoring"]!["risks"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["MajorIllness", "Epidemic"]);
    }

    [Fact]
    public async Task Assistance_is_recorded_by_the_work_team()
    {
        var (_, village) = await app.NewVillage();
        var household = await Sample.Register(app.Client(Role.VillageClerk, village), village);
        var team = app.Client(Role.WorkTeam, village);
        var url = $"/api/households/{household.Id}/assistance";
        await (await team.PostAsJsonAsync(url, new { category = "Industry", description = "发放鸡苗200只", startedOn = "2020-10-10", amount = 2000m, responsible = "刘帮扶" }))
            .ShouldBe(HttpStatusCode.OK);
        await (await team.PostAsJsonAsync(url, new { category = "Industry", startedOn = "2020-10-10", responsible = "刘帮扶" }))
            .ShouldBe(HttpStatusCode.BadRequest, "field.required");
        await (await app.Client(Role.Inspector, village[..9] + "000").PostAsJsonAsync(url, new { category = "Industry", description = "x", startedOn = "2020-10-10", responsible = "y" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        var document = await (await team.GetAsync($"/api/households/{household.Id}")).Json();
        document["assistance"]![0]!["description"]!.GetValue<string>().ShouldBe("发放鸡苗200只");
    }

    [Fact]
    public async Task Household_facts_and_the_new_member_facts_are_recorded_and_read_back()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var url = $"/api/households/{household.Id}/facts";
        await (await clerk.PutAsJsonAsync(url, new { povertyCauses = new[] { "Illness", "LackOfSkills" }, housingSafety = "Renovated",
            drinkingWaterSafety = "Safe", reason = "信息采集" })).ShouldBe(HttpStatusCode.OK);
        await (await clerk.PutAsJsonAsync(url, new { povertyCauses = new[] { "Illness", "Disaster", "LackOfLand", "Other" }, reason = "x" }))
            .ShouldBe(HttpStatusCode.BadRequest, "household.poverty-causes.count");
        await (await clerk.PutAsJsonAsync(url, new { povertyCauses = new[] { "Flood" }, reason = "x" })).ShouldBe(HttpStatusCode.BadRequest, "request.enum.unknown");
        await (await app.Client(Role.HousingDept, AppFixture.District).PutAsJsonAsync(url, new { povertyCauses = new[] { "Illness" }, reason = "x" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");

        var head = household.Document.MemberId(household.HeadId);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{head}", new
        {
            medicalInsurance = true, pensionInsurance = false, minimumLivingAllowance = true, workPlace = "广东省东莞市", workMonths = 9,
            workStatus = "MigrantOutOfProvince", reason = "信息采集",
        })).ShouldBe(HttpStatusCode.OK);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{head}", new { workMonths = 13, reason = "x" }))
            .ShouldBe(HttpStatusCode.BadRequest, "member.work-months.range");

        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["facts"]!["povertyCauses"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["Illness", "LackOfSkills"]);
        document["facts"]!["housingSafety"]!.GetValue<string>().ShouldBe("Renovated");
        var member = document["members"]!.AsArray().Single(m => m!["memberId"]!.GetValue<Guid>() == head)!;
        member["medicalInsurance"]!.GetValue<bool>().ShouldBeTrue();
        member["pensionInsurance"]!.GetValue<bool>().ShouldBeFalse();
        member["minimumLivingAllowance"]!.GetValue<bool>().ShouldBeTrue();
        member["extremePovertySupport"].ShouldBeNull();
        member["workPlace"]!.GetValue<string>().ShouldBe("广东省东莞市");
        member["workMonths"]!.GetValue<int>().ShouldBe(9);

        var reference = await (await clerk.GetAsync("/api/reference")).Json();
        reference["enums"]!["PovertyCause"]!.AsArray().Single(v => v!["value"]!.GetValue<string>() == "LackOfDrive")!["label"]!.GetValue<string>()
            .ShouldBe("自身发展动力不足");
    }

    [Fact]
    public async Task An_import_carries_the_new_member_and_household_facts_and_the_export_gives_them_back()
    {
        var (town, village) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, town);
        var head = People.IdNumber(true);
        var csv = BulkRoutes.ImportDriver.Csv(
        [
            ["1", village, null, null, "非建档立卡户", null, null, null, "王大山", head, "户主", null, null, null, null, null, "省外务工",
                "是", "否", "是", "否", "广东省东莞市", "9", "因病、缺技术", "已改造", "安全"],
        ]);
        var (import, _) = await BulkRoutes.ImportDriver.Run(app, officer, csv, "facts.csv");
        BulkRoutes.ImportDriver.Verdicts(import).ShouldBe(["2 applied"]);
        var id = BulkRoutes.ImportDriver.HouseholdId(import, 2);
        var document = await (await officer.GetAsync($"/api/households/{id}")).Json();
        document["facts"]!["povertyCauses"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["Illness", "LackOfSkills"]);
        document["members"]![0]!["minimumLivingAllowance"]!.GetValue<bool>().ShouldBeTrue();
        document["members"]![0]!["workMonths"]!.GetValue<int>().ShouldBe(9);

        var export = await officer.GetAsync($"/api/households/export?org={village}&format=csv");
        var text = System.Text.Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync());
        text.ShouldContain("是,否,是,否,广东省东莞市,9,因病、缺技术,已改造,安全");

        var bad = BulkRoutes.ImportDriver.Csv(
        [
            ["2", village, null, null, "非建档立卡户", null, null, null, "李四", People.IdNumber(true), "户主", null, null, null, null, null, null,
                "也许", null, null, null, null, "十", "因病、因病", null, null],
        ]);
        var (rejected, _) = await BulkRoutes.ImportDriver.Run(app, officer, bad, "bad.csv");
        BulkRoutes.ImportDriver.Verdicts(rejected).ShouldBe(
            ["2 rejected | 2 参加医疗保险 import.boolean.invalid | 2 务工时间（月） import.number.invalid | 2 致贫原因 household.poverty-causes.repeated"]);
    }

    [Fact]
    public async Task A_cleaning_run_checks_the_new_facts()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var head = household.Document.MemberId(household.HeadId);
        var spouse = household.Document.MemberId(household.SpouseId);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{head}",
            new { minimumLivingAllowance = true, reason = "低保户" })).ShouldBe(HttpStatusCode.OK);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{spouse}",
            new { workStatus = "LocalFarming", workPlace = "广东省东莞市", workMonths = 8, reason = "信息采集" })).ShouldBe(HttpStatusCode.OK);
        // Net income per head 5,000 against the 2020 poverty line of 4,000.
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/incomes", new { year = 2020, wage = 10000m })).ShouldBe(HttpStatusCode.OK);

        var officer = app.Client(Role.TownOfficer, town);
        await QualityRoutes.CleaningRuns.Run(app, officer, new { org = village, campaignYear = 2020 });
        var problems = await (await officer.GetAsync($"/api/problems?org={village}&status=Open&pageSize=100")).Json();
        var found = problems["items"]!.AsArray().Select(p => (p!["rule"]!.GetValue<string>(), p["memberId"]?.GetValue<Guid>())).ToList();
        found.ShouldContain(("person.minimum-living-allowance.income-above-line", head));
        found.ShouldContain(("person.work-away.local-farming", spouse));
    }
}
