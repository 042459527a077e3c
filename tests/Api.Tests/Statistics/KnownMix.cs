using Marten.Events;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Api.Tests.ProcedureRoutes;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// A town of two villages with households of known shapes, built through the API once per host, so that every count and
/// every list row can be checked against a hand count.
/// </summary>
/// <remarks>
/// Village A: a1 poor (carried over), a child born 2020-05-01, housing unresolved; a2 exited 2019, major illness, monitored as
/// unstable, its spouse dead 2020-06-01; a3 unregistered, unstable employment and schooling, monitored as marginal, risk
/// eliminated after health assistance; a4 unregistered, its spouse married out 2019-12-01.
/// Village B: b1 identified as newly poor in 2020, a wife married in 2020-09-01; b2 exited 2019, disaster risk, water unresolved.
/// </remarks>
public sealed record KnownMix(string Town, string VillageA, string VillageB, string VillageBName, Households A, Households B)
{
    /// <summary>The name <see cref="AppFixture.NewVillage"/> gives.</summary>
    public string VillageAName => $"村{int.Parse(Town[6..9], System.Globalization.CultureInfo.InvariantCulture)}";

    private static readonly ConcurrentDictionary<AppFixture, Lazy<Task<KnownMix>>> Built = new();

    public static Task<KnownMix> For(AppFixture app) => Built.GetOrAdd(app, a => new Lazy<Task<KnownMix>>(() => Build(a))).Value;

    private static async Task<KnownMix> Build(AppFixture app)
    {
        var (town, villageA) = await app.NewVillage();
        var villageB = town[..9] + "002";
        var villageBName = $"乙村{town[6..9]}";
        (await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsJsonAsync("/api/org-units",
            new { code = villageB, name = villageBName, kind = "Village", parentCode = town })).EnsureSuccessStatusCode();
        var a = new ProcedureDriver(app, town, villageA);
        var b = new ProcedureDriver(app, town, villageB);

        var a1 = await Sample.Register(a.Clerk, villageA, "Poor");
        var child = People.IdNumber(male: true, birthYear: 2020);
        await Joined(a.Clerk, a1.Id, Sample.Member("王小宝", child, "Son"), "Birth", "2020-05-01");
        await Certify(app.Client(Role.HousingDept, AppFixture.District), a1.Id, "Housing");

        var a2 = await Sample.Register(a.Clerk, villageA, "Exited", identifiedYear: 2015, exitYear: 2019);
        await a.Income(a2.Id, 10000m);
        await Risks(a.Clerk, a2.Id, "MajorIllness");
        await a.Monitor(a2.Id, "2020-10-01");
        await Left(a.Clerk, a2.Id, a2.Document.MemberId(a2.SpouseId), "Death", "2020-06-01");

        var a3 = await Sample.Register(a.Clerk, villageA, "Unregistered");
        await a.Income(a3.Id, 11000m);
        await Risks(a.Clerk, a3.Id, "UnstableEmployment", "Schooling");
        await a.Monitor(a3.Id, "2020-10-01");
        await (await app.Client(Role.WorkTeam, villageA).PostAsJsonAsync($"/api/households/{a3.Id}/assistance",
            new { category = "Health", description = "大病救助", startedOn = "2020-10-12", amount = 5000m, responsible = "刘帮扶" })).ShouldBe(HttpStatusCode.OK);
        await a.Income(a3.Id, 13000m);
        var elimination = await a.Start(a3.Id, "RiskElimination", "2020-11-01");
        await a.Passed("Village", a3.Id, elimination, "Assessment", "2020-11-02");
        await a.Passed("Village", a3.Id, elimination, "VillageReview", "2020-11-03");
        await a.Passed("Town", a3.Id, elimination, "TownReview", "2020-11-04");
        await a.Passed("District", a3.Id, elimination, "DistrictApproval", "2020-11-05");

        var a4 = await Sample.Register(a.Clerk, villageA, "Unregistered", registeredOn: "2019-01-01");
        await Left(a.Clerk, a4.Id, a4.Document.MemberId(a4.SpouseId), "MarriageOut", "2019-12-01");

        var b1 = await Sample.Register(b.Clerk, villageB, "Unregistered");
        await b.Income(b1.Id, 6000m);
        var p = await b.Start(b1.Id, "Identification", "2020-10-01");
        await b.Passed("Village", b1.Id, p, "Application", "2020-10-02");
        await b.Passed("Village", b1.Id, p, "HouseholdSurvey", "2020-10-03");
        await b.Passed("Village", b1.Id, p, "GroupAppraisal", "2020-10-05", ProcedureDriver.Appraisal());
        await b.Passed("District", b1.Id, p, "Comparison", "2020-10-08");
        await b.Passed("Village", b1.Id, p, "VillageAppraisal", "2020-10-10", ProcedureDriver.Appraisal());
        await b.Passed("Village", b1.Id, p, "VillagePublicity", "2020-10-17", ProcedureDriver.Publicity("2020-10-10", "2020-10-17"));
        await b.Passed("Town", b1.Id, p, "TownReview", "2020-10-25", ProcedureDriver.Publicity("2020-10-18", "2020-10-25"));
        await b.Passed("District", b1.Id, p, "DistrictAnnouncement", "2020-10-28", ProcedureDriver.Document("万州扶贫办公告〔2020〕12号"));
        var wife = People.IdNumber(male: false, birthYear: 1995);
        await Joined(b.Clerk, b1.Id, Sample.Member("赵小芳", wife, "DaughterInLaw"), "MarriageIn", "2020-09-01");

        var b2 = await Sample.Register(b.Clerk, villageB, "Exited", identifiedYear: 2015, exitYear: 2019);
        await Risks(b.Clerk, b2.Id, "Disaster");
        await Certify(app.Client(Role.WaterDept, AppFixture.District), b2.Id, "Water");

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return new KnownMix(town, villageA, villageB, villageBName, new Households(a1, a2, a3, a4, child, null), new Households(b1, b2, null, null, null, wife));
    }

    private static async Task Joined(HttpClient clerk, Guid household, object member, string reason, string effectiveDate) =>
        await (await clerk.PostAsJsonAsync($"/api/households/{household}/members", new { member, reason, effectiveDate })).ShouldBe(HttpStatusCode.OK);

    private static async Task Left(HttpClient clerk, Guid household, Guid memberId, string reason, string effectiveDate) =>
        await (await clerk.PostAsJsonAsync($"/api/households/{household}/members/{memberId}/removal", new { reason, effectiveDate }))
            .ShouldBe(HttpStatusCode.OK);

    private static async Task Risks(HttpClient clerk, Guid household, params string[] risks) =>
        await (await clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks, reason = "入户排查", recordedOn = "2020-09-25" }))
            .ShouldBe(HttpStatusCode.OK);

    private static async Task Certify(HttpClient department, Guid household, string kind) =>
        await (await department.PutAsJsonAsync($"/api/households/{household}/guarantees/{kind}", new { status = "Unresolved", certifiedOn = "2020-10-20" }))
            .ShouldBe(HttpStatusCode.OK);
}

/// <summary>A village's households in the order of the remarks above, the child born into the first and the wife married into the first.</summary>
public sealed record Households(RegisteredHousehold First, RegisteredHousehold Second, RegisteredHousehold? Third, RegisteredHousehold? Fourth,
    string? Child, string? Wife);
