using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class ResponsibleAndClearanceTests(AppFixture app)
{
    [Fact]
    public async Task A_responsible_cadre_is_assigned_by_the_village_or_town_and_filters_the_roster()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var assigned = await Sample.Register(clerk, village, status: "Unregistered");
        await Sample.Register(clerk, village, status: "Unregistered");
        var cadre = $"刘帮扶{new string('甲', Random.Shared.Next(1, 5))}";
        await (await app.Client(Role.WorkTeam, village).PutAsJsonAsync($"/api/households/{assigned.Id}/responsible",
            new { name = cadre, unit = "区农业农村委", phone = "13800001111", since = "2020-03-01", reason = "结对帮扶" })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.DistrictOfficer, AppFixture.District).PutAsJsonAsync($"/api/households/{assigned.Id}/responsible",
            new { name = cadre, unit = "x", reason = "x" })).ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await app.Client(Role.TownOfficer, town).PutAsJsonAsync($"/api/households/{assigned.Id}/responsible",
            new { name = cadre, reason = "x" })).ShouldBe(HttpStatusCode.BadRequest, "field.required");

        var document = await (await clerk.GetAsync($"/api/households/{assigned.Id}")).Json();
        document["responsible"]!["name"]!.GetValue<string>().ShouldBe(cadre);
        document["responsible"]!["unit"]!.GetValue<string>().ShouldBe("区农业农村委");
        var roster = await (await clerk.GetAsync($"/api/households?org={village}&responsible={Uri.EscapeDataString(cadre)}")).Json();
        roster["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(assigned.Id);
    }

    [Fact]
    public async Task The_town_clears_a_not_enjoying_policy_flag_that_verification_found_wrong()
    {
        var (town, village) = await app.NewVillage();
        var household = await Sample.Register(app.Client(Role.VillageClerk, village), village, status: "Exited", identifiedYear: 2015, exitYear: 2018);
        var officer = app.Client(Role.TownOfficer, town);
        var clearance = $"/api/households/{household.Id}/flags/not-enjoying-policy/clearance";
        await (await officer.PostAsJsonAsync(clearance, new { reason = "核查识别无误" })).ShouldBe(HttpStatusCode.UnprocessableEntity, "household.not-flagged");
        await (await officer.PutAsJsonAsync($"/api/households/{household.Id}/flags/not-enjoying-policy", new { reason = "享受政策核查" }))
            .ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.VillageClerk, village).PostAsJsonAsync(clearance, new { reason = "x" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await officer.PostAsJsonAsync(clearance, new { reason = "核查识别无误" })).ShouldBe(HttpStatusCode.OK);
        var document = await (await officer.GetAsync($"/api/households/{household.Id}")).Json();
        document["marks"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldNotContain("NotEnjoyingPolicy");
        var history = await (await officer.GetAsync($"/api/households/{household.Id}/history")).Json();
        history.AsArray().Last()!["type"]!.GetValue<string>().ShouldBe("household.not-enjoying-policy-cleared.v1");
    }
}
