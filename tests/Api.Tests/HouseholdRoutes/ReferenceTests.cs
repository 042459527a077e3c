using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class ReferenceTests(AppFixture app)
{
    [Fact]
    public async Task Reference_data_has_chinese_labels_and_the_seeded_2020_lines()
    {
        var reference = await (await app.Client(Role.DistrictOfficer, AppFixture.District).GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK);
        var risks = reference["enums"]!["RiskType"]!.AsArray();
        risks.Single(r => r!["value"]!.GetValue<string>() == "MajorIllness")!["label"]!.GetValue<string>().ShouldBe("因大病");
        risks.Count.ShouldBe(9);
        var line2020 = reference["policyLines"]!.AsArray().Single(l => l!["year"]!.GetValue<int>() == 2020)!;
        line2020["povertyLine"]!.GetValue<decimal>().ShouldBe(4000m);
        line2020["monitoringLine"]!.GetValue<decimal>().ShouldBe(6000m);
        // Every definition, earlier versions included: procedures started under them keep them.
        reference["procedures"]!.AsArray().Count.ShouldBe(7);
    }

    [Fact]
    public async Task Every_enum_of_the_domain_that_travels_over_http_is_in_the_reference_with_a_chinese_label_for_each_value()
    {
        // Permission and RefusalKind stay inside the server: routes never send or take them.
        var internalOnly = new[] { typeof(Permission), typeof(Registry.Domain.Common.RefusalKind) };
        var domainEnums = typeof(Role).Assembly.GetExportedTypes().Where(t => t.IsEnum).Except(internalOnly).ToList();
        domainEnums.Count.ShouldBeGreaterThan(20);

        var enums = (await (await app.Client(Role.DistrictOfficer, AppFixture.District).GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK))["enums"]!;
        foreach (var type in domainEnums)
        {
            var values = enums[type.Name]?.AsArray();
            values.ShouldNotBeNull($"{type.Name} is missing from /api/reference");
            values.Select(v => v!["value"]!.GetValue<string>()).ShouldBe(Enum.GetNames(type), $"values of {type.Name}");
            foreach (var v in values)
                v!["label"]!.GetValue<string>().ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", $"{type.Name}.{v["value"]} has no Chinese label");
        }
    }

    [Fact]
    public async Task A_district_office_sets_a_units_lines_as_an_event_with_its_reason_and_the_units_below_use_them()
    {
        var (town, village) = await app.NewVillage();
        var (otherTown, otherVillage) = await app.NewVillage();
        var district = app.Client(Role.DistrictOfficer, AppFixture.District, "line-setter", "区扶贫办");
        var url = $"/api/org-units/{town}/policy-lines/2020";
        var set = await (await district.PutAsJsonAsync(url, new { povertyLine = 4200m, monitoringLine = 6300m, reason = "镇级提标" }))
            .ShouldBe(HttpStatusCode.OK);
        set["version"]!.GetValue<long>().ShouldBe(1);
        await (await district.PutAsJsonAsync(url, new { povertyLine = 4200m, monitoringLine = 3000m, reason = "x" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "policy.monitoring-below-poverty");
        await (await district.PutAsJsonAsync(url, new { povertyLine = -1m, monitoringLine = 3000m, reason = "x" }))
            .ShouldBe(HttpStatusCode.BadRequest, "policy.line.required");
        await (await district.PutAsJsonAsync(url, new { povertyLine = 4200m, monitoringLine = 6300m }))
            .ShouldBe(HttpStatusCode.BadRequest, "field.required");
        await (await district.PutAsJsonAsync($"/api/org-units/{town}/policy-lines/1990", new { povertyLine = 1m, monitoringLine = 2m, reason = "x" }))
            .ShouldBe(HttpStatusCode.BadRequest, "year.out-of-range");
        await (await app.Client(Role.TownOfficer, town).PutAsJsonAsync(url, new { povertyLine = 1m, monitoringLine = 2m, reason = "x" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await app.Client(Role.DistrictOfficer, "500102000000").PutAsJsonAsync(url, new { povertyLine = 1m, monitoringLine = 2m, reason = "x" }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await district.PutAsJsonAsync("/api/org-units/500101999000/policy-lines/2020", new { povertyLine = 1m, monitoringLine = 2m, reason = "x" }))
            .ShouldBe(HttpStatusCode.NotFound, "org.not-found");

        await using (var session = app.Store.QuerySession())
        {
            var events = await session.Events.FetchStreamAsync(Registry.Api.Reference.PolicyLines.StreamOf(town));
            var e = events.ShouldHaveSingleItem();
            e.Headers!["reason"].ToString().ShouldBe("镇级提标");
            e.Headers!["actor-id"].ToString().ShouldBe("line-setter");
        }

        Line(await (await app.Client(Role.VillageClerk, village).GetAsync("/api/reference")).Json(), 2020).ShouldBe((4200m, 6300m, town));
        Line(await (await app.Client(Role.VillageClerk, otherVillage).GetAsync("/api/reference")).Json(), 2020).ShouldBe((4000m, 6000m, AppFixture.District));

        // The same exited household under each town: only the town with the higher line finds its income under the line.
        async Task<bool> Finds(string t, string v)
        {
            var household = await Sample.Register(app.Client(Role.VillageClerk, v), v, status: "Exited", identifiedYear: 2015, exitYear: 2018);
            await (await app.Client(Role.VillageClerk, v).PostAsJsonAsync($"/api/households/{household.Id}/incomes", new { year = 2020, wage = 8200m }))
                .ShouldBe(HttpStatusCode.OK);
            var officer = app.Client(Role.TownOfficer, t);
            await QualityRoutes.CleaningRuns.Run(app, officer, new { org = v, campaignYear = 2020 });
            var problems = await (await officer.GetAsync($"/api/problems?org={v}&rule=household.exited.income-below-line")).Json();
            return problems["total"]!.GetValue<long>() > 0;
        }
        (await Finds(town, village)).ShouldBeTrue();
        (await Finds(otherTown, otherVillage)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_stale_If_Match_on_a_units_lines_is_refused_and_changes_nothing()
    {
        var (town, _) = await app.NewVillage();
        var district = app.Client(Role.DistrictOfficer, AppFixture.District, "line-setter", "区扶贫办");
        var url = $"/api/org-units/{town}/policy-lines";
        Dictionary<string, string> IfMatch(int version) => new() { ["If-Match"] = $"\"{version}\"" };
        await (await district.Send(HttpMethod.Put, $"{url}/2020", new { povertyLine = 4200m, monitoringLine = 6300m, reason = "镇级提标" }, IfMatch(1)))
            .ShouldBe(HttpStatusCode.Conflict, "concurrency.version-conflict");
        var set = await (await district.Send(HttpMethod.Put, $"{url}/2020", new { povertyLine = 4200m, monitoringLine = 6300m, reason = "镇级提标" }, IfMatch(0)))
            .ShouldBe(HttpStatusCode.OK);
        set["version"]!.GetValue<long>().ShouldBe(1);
        await (await district.Send(HttpMethod.Put, $"{url}/2021", new { povertyLine = 4300m, monitoringLine = 6400m, reason = "调标" }, IfMatch(0)))
            .ShouldBe(HttpStatusCode.Conflict, "concurrency.version-conflict");
        await (await district.Send(HttpMethod.Put, $"{url}/2021", new { povertyLine = 4300m, monitoringLine = 6400m, reason = "调标" }, IfMatch(1)))
            .ShouldBe(HttpStatusCode.OK);
        await using var session = app.Store.QuerySession();
        (await session.Events.FetchStreamAsync(Registry.Api.Reference.PolicyLines.StreamOf(town))).Count.ShouldBe(2);

        // A reader gets the version to send back from the unit's lines themselves.
        var read = await district.GetAsync(url);
        var lines = await read.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe("\"2\"");
        lines["version"]!.GetValue<long>().ShouldBe(2);
        lines["lines"]!.AsArray().Select(l => l!["year"]!.GetValue<int>()).ShouldBe([2020, 2021]);
        lines["effective"]!.AsArray().Single(l => l!["year"]!.GetValue<int>() == 2021)!["setByUnit"]!.GetValue<string>().ShouldBe(town);
        await (await district.Send(HttpMethod.Put, $"{url}/2022", new { povertyLine = 4400m, monitoringLine = 6500m, reason = "调标" },
            IfMatch((int)lines["version"]!.GetValue<long>()))).ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.VillageClerk, AppFixture.District[..6] + "999001").GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
    }

    /// <summary>A unit's lines are one stream named by its code: the first settings made at once all apply, each decided again on what the others left.</summary>
    [Fact]
    public async Task A_units_first_lines_set_at_once_for_different_years_all_apply()
    {
        var (town, _) = await app.NewVillage();
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var years = Enumerable.Range(2016, 5).ToArray();
        var answers = await Task.WhenAll(years.Select(year => district.PutAsJsonAsync($"/api/org-units/{town}/policy-lines/{year}",
            new { povertyLine = 4000m + year, monitoringLine = 6000m + year, reason = "镇级设定" })));

        foreach (var answer in answers) await answer.ShouldBe(HttpStatusCode.OK);
        await using var session = app.Store.QuerySession();
        (await session.Events.FetchStreamAsync(Registry.Api.Reference.PolicyLines.StreamOf(town))).Count.ShouldBe(years.Length);
    }

    private static (decimal, decimal, string) Line(System.Text.Json.Nodes.JsonNode reference, int year)
    {
        var line = reference["policyLines"]!.AsArray().Single(l => l!["year"]!.GetValue<int>() == year)!;
        return (line["povertyLine"]!.GetValue<decimal>(), line["monitoringLine"]!.GetValue<decimal>(), line["setByUnit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Org_units_form_a_tree_that_bounds_what_users_see()
    {
        var (town, village) = await app.NewVillage();
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var unit = await (await district.GetAsync($"/api/org-units/{town}")).ShouldBe(HttpStatusCode.OK);
        unit["kind"]!.GetValue<string>().ShouldBe("Town");
        unit["children"]!.AsArray().Single()!["code"]!.GetValue<string>().ShouldBe(village);

        await (await district.PostAsJsonAsync("/api/org-units", new { code = town[..9] + "002", name = "村", kind = "Town", parentCode = town }))
            .ShouldBe(HttpStatusCode.BadRequest, "org.kind-mismatch");
        await (await district.PostAsJsonAsync("/api/org-units", new { code = "500102001001", name = "村", kind = "Village", parentCode = town }))
            .ShouldBe(HttpStatusCode.BadRequest, "org.parent-mismatch");
        await (await district.PostAsJsonAsync("/api/org-units", new { code = village, name = "村", kind = "Village", parentCode = town }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "conflict.duplicate");
        await (await district.PostAsJsonAsync("/api/org-units", new { code = "12", name = "村", kind = "Village", parentCode = town }))
            .ShouldBe(HttpStatusCode.BadRequest, "org.code.format");
        await (await app.Client(Role.TownOfficer, town).PostAsJsonAsync("/api/org-units", new { code = town[..9] + "009", name = "村", kind = "Village", parentCode = town }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await district.GetAsync("/api/org-units/500101999999")).ShouldBe(HttpStatusCode.NotFound, "org.not-found");

        var (_, other) = await app.NewVillage();
        await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/org-units/{other}")).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        var ancestors = await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/org-units/{town}")).ShouldBe(HttpStatusCode.OK);
        ancestors["children"]!.AsArray().Single()!["code"]!.GetValue<string>().ShouldBe(village);
    }

    [Fact]
    public async Task Health_openapi_and_swagger_need_no_token()
    {
        var anonymous = app.Anonymous();
        await (await anonymous.GetAsync("/health/live")).ShouldBe(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        var openApi = await (await anonymous.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        openApi["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/households/{id}/history");
        openApi["components"]!["securitySchemes"]!["Bearer"].ShouldNotBeNull();
        // Enums are documented as the English names they travel as.
        var relation = openApi["components"]!["schemas"]!["Relation"]!;
        relation["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("Spouse");
        var swagger = await anonymous.GetAsync("/swagger/index.html");
        swagger.StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/api/no-such-route")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Dev_tokens_are_minted_in_development_with_a_validated_body()
    {
        var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/auth/dev-token", new { userId = "u1", name = "测试", role = "TownOfficer", org = "500101120000" });
        (await response.ShouldBe(HttpStatusCode.OK))["token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        await (await anonymous.PostAsJsonAsync("/api/auth/dev-token", new { userId = "u1", name = "测试", role = "Mayor", org = "500101120000" }))
            .ShouldBe(HttpStatusCode.BadRequest, "request.enum.unknown");
        await (await anonymous.PostAsJsonAsync("/api/auth/dev-token", new { userId = "u1", name = "测试", role = "TownOfficer", org = "5001" }))
            .ShouldBe(HttpStatusCode.BadRequest, "org.code.format");
    }
}
