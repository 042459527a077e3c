using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.ProcedureRoutes;

/// <summary>Takes procedures step by step with the right person for each level.</summary>
public sealed class ProcedureDriver(AppFixture app, string town, string village)
{
    public HttpClient Clerk { get; } = app.Client(Role.VillageClerk, village);
    public HttpClient Town { get; } = app.Client(Role.TownOfficer, town);
    public HttpClient District { get; } = app.Client(Role.DistrictOfficer, AppFixture.District);

    public static object Appraisal(int attendees = 25, int votesFor = 20, int votesAgainst = 3) => new { attendees, votesFor, votesAgainst };

    public static object Publicity(string from, string to) => new { publicityFrom = from, publicityTo = to };

    public static object Document(string reference) => new { documentRef = reference };

    public HttpClient For(string level) => level switch { "Town" => Town, "District" => District, _ => Clerk };

    public async Task<Guid> Start(Guid household, string kind, string startedOn)
    {
        var response = await Clerk.PostAsJsonAsync($"/api/households/{household}/procedures", new { kind, startedOn });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        // The procedure is read in its household's document, whose version the ETag names.
        response.Headers.Location!.ToString().ShouldBe($"/api/households/{household}");
        response.Headers.ETag!.Tag.ShouldBe($"\"{body["version"]!.GetValue<long>()}\"");
        return body["procedureId"]!.GetValue<Guid>();
    }

    public Task<HttpResponseMessage> Step(string level, Guid household, Guid procedure, string step, string occurredOn, object? evidence = null,
        string outcome = "Passed") =>
        For(level).PostAsJsonAsync($"/api/households/{household}/procedures/{procedure}/steps", new { step, outcome, occurredOn, evidence });

    public async Task<JsonNode> Passed(string level, Guid household, Guid procedure, string step, string occurredOn, object? evidence = null) =>
        await (await Step(level, household, procedure, step, occurredOn, evidence)).ShouldBe(HttpStatusCode.OK);

    public async Task Income(Guid household, decimal perCapitaTimesTwo) =>
        await (await Clerk.PostAsJsonAsync($"/api/households/{household}/incomes", new { year = 2020, wage = perCapitaTimesTwo, assessedOn = "2020-09-20" }))
            .ShouldBe(HttpStatusCode.OK);

    /// <summary>The town verifies the year's assessment in effect (收入由镇乡政府核实).</summary>
    public async Task VerifyIncome(Guid household) =>
        await (await Town.PostAsJsonAsync($"/api/households/{household}/incomes/2020/verification", new { note = "入户核实" }))
            .ShouldBe(HttpStatusCode.OK);

    public async Task ResolveAllGuarantees(Guid household, string? except = null)
    {
        var certifiers = new Dictionary<string, HttpClient>
        {
            ["FoodClothing"] = Town,
            ["Education"] = app.Client(Role.EducationDept, AppFixture.District),
            ["Medical"] = app.Client(Role.MedicalDept, AppFixture.District),
            ["Housing"] = app.Client(Role.HousingDept, AppFixture.District),
            ["Water"] = app.Client(Role.WaterDept, AppFixture.District),
        };
        foreach (var (kind, client) in certifiers)
            await (await client.PutAsJsonAsync($"/api/households/{household}/guarantees/{kind}",
                new { status = kind == except ? "Unresolved" : "Resolved", certifiedOn = "2020-10-20" })).ShouldBe(HttpStatusCode.OK);
    }

    public async Task<JsonNode> Read(Guid household) => await (await Clerk.GetAsync($"/api/households/{household}")).ShouldBe(HttpStatusCode.OK);

    /// <summary>A monitoring procedure from the report to the district's approval, its steps on the days after the start.</summary>
    public async Task Monitor(Guid household, string startedOn)
    {
        var start = DateOnly.Parse(startedOn, System.Globalization.CultureInfo.InvariantCulture);
        string Day(int n) => start.AddDays(n).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var monitoring = await Start(household, "Monitoring", startedOn);
        await Passed("Village", household, monitoring, "Report", Day(1));
        await Passed("Village", household, monitoring, "InformationCollection", Day(2));
        await Passed("Town", household, monitoring, "TownReview", Day(4));
        await Passed("District", household, monitoring, "DistrictScreening", Day(7));
        await Passed("District", household, monitoring, "DistrictApproval", Day(9));
    }

    /// <summary>A household wrongly registered as exited, flagged by the town and removed (清退) through every step.</summary>
    public async Task Remove(Guid household)
    {
        await (await Town.PutAsJsonAsync($"/api/households/{household}/flags/not-enjoying-policy", new { reason = "家有商品房" })).ShouldBe(HttpStatusCode.OK);
        var removal = await Start(household, "Removal", "2020-10-01");
        await Passed("Village", household, removal, "Verification", "2020-10-02");
        await Passed("Village", household, removal, "VillageAppraisal", "2020-10-05", Appraisal());
        await Passed("Town", household, removal, "TownReview", "2020-10-08");
        await Passed("District", household, removal, "DistrictApproval", "2020-10-12", Document("清退〔2020〕3号"));
    }

    /// <summary>Nomination to TownReview of an exit, leaving the district's two steps.</summary>
    public async Task<Guid> ExitUpToTownReview(Guid household)
    {
        var exit = await Start(household, "Exit", "2020-10-01");
        await Passed("Village", household, exit, "Nomination", "2020-10-02");
        await Passed("Village", household, exit, "DemocraticAppraisal", "2020-10-05", Appraisal());
        await Passed("Village", household, exit, "VillagePublicity", "2020-10-13", Publicity("2020-10-06", "2020-10-13"));
        await Passed("Town", household, exit, "TownReview", "2020-10-15");
        return exit;
    }
}
