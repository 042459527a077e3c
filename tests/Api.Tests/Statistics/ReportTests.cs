using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Statistics;

[Collection(ApiCollection.Name)]
public sealed class ReportTests(AppFixture app)
{
    [Fact]
    public async Task The_person_lists_are_the_years_natural_increases_and_decreases_as_built_by_hand()
    {
        var mix = await KnownMix.For(app);
        var town = app.Client(Role.TownOfficer, mix.Town);
        (await Sheet(town, $"/api/reports/MembersAdded?org={mix.Town}&year=2020")).ShouldBe(
        [
            ["姓名", "身份证号", "与户主关系", "村", "户主姓名", "变动原因", "变动日期"],
            ["王小宝", mix.A.Child!, "之子", mix.VillageAName, "王大山", "新生儿", "2020-05-01"],
            ["赵小芳", mix.B.Wife!, "之儿媳", mix.VillageBName, "王大山", "婚入", "2020-09-01"],
        ]);
        (await Sheet(town, $"/api/reports/MembersRemoved?org={mix.Town}&year=2020")).ShouldBe(
        [
            ["姓名", "身份证号", "与户主关系", "村", "户主姓名", "变动原因", "变动日期"],
            ["李二妹", mix.A.Second.SpouseId, "配偶", mix.VillageAName, "王大山", "死亡", "2020-06-01"],
        ]);
        (await Sheet(town, $"/api/reports/MembersRemoved?org={mix.Town}&year=2019"))[1..].ShouldBe(
        [
            ["李二妹", mix.A.Fourth!.SpouseId, "配偶", mix.VillageAName, "王大山", "婚出", "2019-12-01"],
        ]);

        var json = await (await town.GetAsync($"/api/reports/MembersAdded?org={mix.Town}&year=2020")).ShouldBe(HttpStatusCode.OK);
        json["total"]!.GetValue<int>().ShouldBe(2);
        var birth = json["items"]![0]!;
        birth["householdId"]!.GetValue<Guid>().ShouldBe(mix.A.First.Id);
        birth["idNumber"]!.GetValue<string>().ShouldBe(mix.A.Child);
        birth["relation"]!.GetValue<string>().ShouldBe("Son");
        birth["reason"]!.GetValue<string>().ShouldBe("Birth");
        birth["villageCode"]!.GetValue<string>().ShouldBe(mix.VillageA);
        birth["effectiveDate"]!.GetValue<string>().ShouldBe("2020-05-01");
    }

    [Fact]
    public async Task The_household_lists_carry_incomes_risks_assistance_and_dates_as_built_by_hand()
    {
        var mix = await KnownMix.For(app);
        var town = app.Client(Role.TownOfficer, mix.Town);
        (await Sheet(town, $"/api/reports/NewlyPoor?org={mix.Town}&year=2020")).ShouldBe(
        [
            ["户主姓名", "户主身份证号", "村", "村民小组", "人口数", "识别年度", "致贫原因", "人均纯收入", "人均可支配收入", "帮扶措施", "帮扶责任人"],
            ["王大山", mix.B.First.HeadId, mix.VillageBName, "一组", "3", "2020", "", "3000.00", "3000.00", "", ""],
        ]);
        string[] monitored = ["户主姓名", "户主身份证号", "村", "村民小组", "人口数", "人均纯收入", "人均可支配收入", "风险类型", "帮扶措施", "纳入监测日期", "是否消除风险", "风险消除日期", "帮扶责任人"];
        (await Sheet(town, $"/api/reports/UnstableExited?org={mix.Town}&year=2020")).ShouldBe(
        [
            monitored,
            ["王大山", mix.A.Second.HeadId, mix.VillageAName, "一组", "1", "5000.00", "5000.00", "因大病", "", "2020-10-10", "否", "", ""],
        ]);
        (await Sheet(town, $"/api/reports/Marginal?org={mix.Town}&year=2020")).ShouldBe(
        [
            monitored,
            ["王大山", mix.A.Third!.HeadId, mix.VillageAName, "一组", "2", "6500.00", "6500.00", "因学、因就业不稳", "健康帮扶：大病救助", "2020-10-10", "是", "2020-11-05", ""],
        ]);
        (await (await town.GetAsync($"/api/reports/Marginal?org={mix.Town}&year=2019")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);

        var marginal = (await (await town.GetAsync($"/api/reports/Marginal?org={mix.Town}&year=2020")).ShouldBe(HttpStatusCode.OK))["items"]![0]!;
        marginal["householdId"]!.GetValue<Guid>().ShouldBe(mix.A.Third.Id);
        marginal["risks"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["Schooling", "UnstableEmployment"]);
        marginal["assistance"]![0]!["category"]!.GetValue<string>().ShouldBe("Health");
        marginal["riskEliminated"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Id_numbers_are_masked_for_departments_and_every_unmasked_list_is_a_sensitive_read()
    {
        var mix = await KnownMix.For(app);
        var department = app.Client(Role.EducationDept, AppFixture.District);
        var masked = await Sheet(department, $"/api/reports/MembersAdded?org={mix.Town}&year=2020");
        masked[1][1].ShouldBe(new string('*', 14) + mix.A.Child![^4..]);
        masked[1][5].ShouldBe("新生儿");
        masked[1][6].ShouldBe("", "a newborn's join date is its birth date");
        masked[2][6].ShouldBe("2020-09-01");
        var maskedJson = await (await department.GetAsync($"/api/reports/MembersAdded?org={mix.Town}&year=2020")).ShouldBe(HttpStatusCode.OK);
        maskedJson["items"]![0]!["effectiveDate"].ShouldBeNull();
        var maskedHousehold = await (await department.GetAsync($"/api/reports/NewlyPoor?org={mix.Town}&year=2020")).ShouldBe(HttpStatusCode.OK);
        maskedHousehold["items"]![0]!["headIdNumber"]!.GetValue<string>().ShouldBe(new string('*', 14) + mix.B.First.HeadId[^4..]);

        var reader = $"reporter-{Guid.NewGuid():N}";
        await (await app.Client(Role.TownOfficer, mix.Town, reader).GetAsync($"/api/reports/MembersAdded?org={mix.Town}&year=2020&format=xlsx"))
            .ShouldBe(HttpStatusCode.OK);
        var log = await (await app.Client(Role.Inspector, AppFixture.District).GetAsync($"/api/audit/sensitive-reads?actor={reader}"))
            .ShouldBe(HttpStatusCode.OK);
        var entries = log["items"]!.AsArray();
        entries.Select(e => e!["householdId"]!.GetValue<Guid>()).OrderBy(id => id).ShouldBe(new[] { mix.A.First.Id, mix.B.First.Id }.OrderBy(id => id));
        entries.ShouldAllBe(e => e!["purpose"]!.GetValue<string>() == "report" && e["memberIds"]!.AsArray().Count == 1);
        var departmentLog = await (await app.Client(Role.Inspector, AppFixture.District).GetAsync($"/api/audit/sensitive-reads?actor=EducationDept-{AppFixture.District}"))
            .ShouldBe(HttpStatusCode.OK);
        departmentLog["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_villages_list_rows_make_a_signed_list()
    {
        var mix = await KnownMix.For(app);
        var clerk = app.Client(Role.VillageClerk, mix.VillageB);
        var report = await (await clerk.GetAsync($"/api/reports/MembersAdded?org={mix.VillageB}&year=2020")).ShouldBe(HttpStatusCode.OK);
        var householdIds = report["items"]!.AsArray().Select(r => r!["householdId"]!.GetValue<Guid>()).Distinct().ToArray();
        householdIds.ShouldBe([mix.B.First.Id]);
        var created = await (await clerk.PostAsJsonAsync("/api/submissions", new { villageCode = mix.VillageB, year = 2020, list = "MemberChanges", householdIds }))
            .ShouldBe(HttpStatusCode.Created);
        var submission = await (await clerk.GetAsync($"/api/submissions/{created["id"]}")).ShouldBe(HttpStatusCode.OK);
        submission.ToJsonString().ShouldContain(mix.B.First.Id.ToString());
    }

    [Fact]
    public async Task An_unknown_list_is_404_and_bad_input_a_problem_with_a_code()
    {
        var mix = await KnownMix.For(app);
        var town = app.Client(Role.TownOfficer, mix.Town);
        await (await town.GetAsync($"/api/reports/Everyone?org={mix.Town}")).ShouldBe(HttpStatusCode.NotFound, "report.not-found");
        await (await town.GetAsync($"/api/reports/NewlyPoor?org={mix.Town}&year=20x0")).ShouldBe(HttpStatusCode.BadRequest, "query.year.invalid");
        await (await town.GetAsync($"/api/reports/NewlyPoor?org={mix.Town}&format=doc")).ShouldBe(HttpStatusCode.BadRequest, "query.format.unknown");
        await (await town.GetAsync($"/api/reports/NewlyPoor?org={AppFixture.District}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>The list as csv, cell by cell (no cell here holds a comma or a quote).</summary>
    private static async Task<string[][]> Sheet(HttpClient client, string url)
    {
        var response = await client.GetAsync(url + "&format=csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToArray();
    }
}
