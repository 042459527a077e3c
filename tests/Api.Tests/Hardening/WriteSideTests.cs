using System.Net;
using System.Net.Http.Json;
using Marten;
using Registry.Api.Reference;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Projections.Audit;
using Registry.Projections.Policy;
using Registry.Projections.Quality;
using Registry.Projections.Submissions;

namespace Registry.Api.Tests.Hardening;

/// <summary>Signed lists, problems and policy lines decide on their own events, apart from the read models their queries read.</summary>
[Collection(ApiCollection.Name)]
public sealed class WriteSideTests(AppFixture app)
{
    [Fact]
    public async Task Lists_problems_and_policy_lines_decide_on_their_events_and_not_on_the_documents_queries_read()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var townOffice = app.Client(Role.TownOfficer, town);
        var district = app.Client(Role.DistrictOfficer, AppFixture.District, "line-setter", "区扶贫办");
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var list = (await (await clerk.PostAsJsonAsync("/api/submissions",
            new { villageCode = village, year = 2020, list = "NewPoor", householdIds = new[] { household.Id } })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var problem = (await (await townOffice.PostAsJsonAsync("/api/problems",
            new { householdId = household.Id, source = "Check", description = "核查发现电话空号" })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var lines = $"/api/org-units/{town}/policy-lines";
        await (await district.PutAsJsonAsync($"{lines}/2020", new { povertyLine = 4200m, monitoringLine = 6300m, reason = "镇级提标" })).ShouldBe(HttpStatusCode.OK);

        // The read models gone, as one may be while it is rebuilt: the next writes decide on the events all the same.
        await using (var session = app.Store.LightweightSession())
        {
            session.Delete<SubmissionView>(list);
            session.Delete<ProblemView>(problem);
            session.Delete<PolicyLinesView>(PolicyLines.StreamOf(town));
            await session.SaveChangesAsync();
        }

        var head = app.Client(Role.VillageHead, village, "head-1", "村主任");
        var signed = await (await head.PostAsync($"/api/submissions/{list}/signatures", null)).ShouldBe(HttpStatusCode.OK);
        signed["version"]!.GetValue<long>().ShouldBe(2);
        await (await head.PostAsync($"/api/submissions/{list}/signatures", null)).ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.already-signed");
        var resolved = await (await townOffice.PostAsJsonAsync($"/api/problems/{problem}/resolution", new { outcome = "ConfirmedCorrect", note = "电话已核实" }))
            .ShouldBe(HttpStatusCode.OK);
        resolved["version"]!.GetValue<long>().ShouldBe(2);
        var set = await (await district.PutAsJsonAsync($"{lines}/2021", new { povertyLine = 4300m, monitoringLine = 6400m, reason = "调标" }))
            .ShouldBe(HttpStatusCode.OK);
        set["version"]!.GetValue<long>().ShouldBe(2);

        // Each new event continues its stream's hash chain from the head its write side folded.
        var report = await HashChainVerifier.Verify(app.Store, [list, problem, PolicyLines.StreamOf(town)], CancellationToken.None);
        report.Valid.ShouldBeTrue();
        report.CheckedEvents.ShouldBe(6);
    }
}
