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
}
