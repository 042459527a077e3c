using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

/// <summary>Every read route's bad query values, and the org-unit rules, each with its own code.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryValidationTests(AppFixture app)
{
    [Theory]
    [InlineData("/api/households/{household}?asOf=2020-01-01T00:00:00Z&version=1", "query.time-travel.one-axis")]
    [InlineData("/api/households/{household}?effectiveOn=2020-13-01", "query.effective-on.invalid")]
    [InlineData("/api/households/{household}?version=0", "query.version.invalid")]
    [InlineData("/api/audit/sensitive-reads?from=yesterday", "query.instant.invalid")]
    [InlineData("/api/audit/changes?to=2020-99-99", "query.instant.invalid")]
    [InlineData("/api/monitoring?org={town}&eliminated=maybe", "query.boolean.invalid")]
    [InlineData("/api/households?org={town}&page=0", "query.page.invalid")]
    [InlineData("/api/households?org={town}&pageSize=100000", "query.page-size.invalid")]
    [InlineData("/api/households?org={town}&q=0123456789012345678901234567890", "query.q.too-long")]
    [InlineData("/api/households?org={town}&status=Rich", "query.enum.unknown")]
    [InlineData("/api/problems?org={town}&household=not-a-uuid", "query.id.invalid")]
    [InlineData("/api/audit/verify?household=not-a-uuid", "query.id.invalid")]
    public async Task A_bad_query_value_gets_400_with_its_code_and_field(string route, string code)
    {
        var (town, village) = await app.NewVillage();
        var household = await Sample.Register(app.Client(Role.VillageClerk, village), village);
        var reader = app.Client(Role.Inspector, town);
        var url = route.Replace("{household}", household.Id.ToString()).Replace("{town}", town);
        var problem = await (await reader.GetAsync(url)).ShouldBe(HttpStatusCode.BadRequest, code);
        problem["errors"]!.AsObject().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Org_units_must_sit_under_a_registered_parent_of_a_higher_kind()
    {
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var (town, village) = await app.NewVillage();
        await (await district.PostAsJsonAsync("/api/org-units",
                new { code = "500101998001", name = "无父村", kind = "Village", parentCode = "500101998000" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "org.parent-unknown");
        await (await district.PostAsJsonAsync("/api/org-units",
                new { code = town[..9] + "901", name = "镇下之镇", kind = "Village", parentCode = village }))
            .ShouldBe(HttpStatusCode.BadRequest, "org.parent-mismatch");
        await (await district.PostAsJsonAsync("/api/org-units",
                new { code = town[..6] + "997000", name = "贫困镇", kind = "Town", parentCode = AppFixture.District, isPoorVillage = true }))
            .ShouldBe(HttpStatusCode.BadRequest, "org.poor-village-kind");
        await (await district.GetAsync("/api/org-units/500101998001")).ShouldBe(HttpStatusCode.NotFound, "org.not-found");
    }

    [Fact]
    public async Task Resolving_an_unknown_problem_is_404()
    {
        var (_, village) = await app.NewVillage();
        await (await app.Client(Role.VillageClerk, village).PostAsJsonAsync($"/api/problems/{Guid.NewGuid()}/resolution",
                new { outcome = "ConfirmedCorrect", note = "核实无误" }))
            .ShouldBe(HttpStatusCode.NotFound, "problem.not-found");
    }
}
