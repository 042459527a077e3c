using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.AccountabilityRoutes;

[Collection(ApiCollection.Name)]
public sealed class SubmissionTests(AppFixture app)
{
    [Fact]
    public async Task A_list_is_frozen_signed_by_head_and_secretary_then_shows_what_changed_after()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var first = await Sample.Register(clerk, village, status: "Unregistered");
        var second = await Sample.Register(clerk, village, status: "Unregistered");
        var created = await (await clerk.PostAsJsonAsync("/api/submissions", new
        {
            villageCode = village, year = 2020, list = "NewPoor", householdIds = new[] { first.Id, second.Id },
        })).ShouldBe(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();

        var head = app.Client(Role.VillageHead, village, "head-1", "村主任");
        var secretary = app.Client(Role.FirstSecretary, village, "sec-1", "第一书记");
        await (await clerk.PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.Forbidden, "submission.signer-role");
        (await (await head.PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .ShouldBe("AwaitingSignatures");
        await (await head.PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.already-signed");
        var (_, otherVillage) = await app.NewVillage();
        await (await app.Client(Role.FirstSecretary, otherVillage).PostAsync($"/api/submissions/{id}/signatures", null))
            .ShouldBe(HttpStatusCode.NotFound, "submission.not-found");
        (await (await secretary.PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .ShouldBe("Submitted");

        await (await clerk.PostAsJsonAsync($"/api/households/{second.Id}/incomes", new { year = 2020, wage = 3000m })).ShouldBe(HttpStatusCode.OK);
        var document = await (await app.Client(Role.TownOfficer, town).GetAsync($"/api/submissions/{id}")).ShouldBe(HttpStatusCode.OK);
        document["status"]!.GetValue<string>().ShouldBe("Submitted");
        document["signatures"]!.AsArray().Select(s => s!["role"]!.GetValue<string>()).ShouldBe(["VillageHead", "FirstSecretary"]);
        var households = document["households"]!.AsArray();
        var unchanged = households.Single(h => h!["householdId"]!.GetValue<Guid>() == first.Id)!;
        unchanged["changedSinceSigning"]!.GetValue<bool>().ShouldBeFalse();
        var changed = households.Single(h => h!["householdId"]!.GetValue<Guid>() == second.Id)!;
        changed["signedVersion"]!.GetValue<long>().ShouldBe(1);
        changed["currentVersion"]!.GetValue<long>().ShouldBe(2);
        changed["changes"]![0]!["type"]!.GetValue<string>().ShouldBe("household.income-assessed.v1");

        await (await secretary.PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.already-submitted");
    }

    [Fact]
    public async Task A_list_names_only_known_households_of_its_village()
    {
        var (_, village) = await app.NewVillage();
        var (_, otherVillage) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var foreign = await Sample.Register(app.Client(Role.VillageClerk, otherVillage), otherVillage);
        // Another village's household is unknown to the village's roles, who alone propose, exactly as one that does not exist.
        await (await clerk.PostAsJsonAsync("/api/submissions", new { villageCode = village, year = 2020, list = "Monitoring", householdIds = new[] { foreign.Id } }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.household-unknown");
        await (await clerk.PostAsJsonAsync("/api/submissions", new { villageCode = village, year = 2020, list = "Monitoring", householdIds = new[] { Guid.NewGuid() } }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.household-unknown");
        await (await clerk.PostAsJsonAsync("/api/submissions", new { villageCode = village, year = 2020, list = "Monitoring", householdIds = Array.Empty<Guid>() }))
            .ShouldBe(HttpStatusCode.BadRequest, "submission.households.count");
        await (await clerk.PostAsJsonAsync("/api/submissions", new { villageCode = otherVillage, year = 2020, list = "Monitoring", householdIds = new[] { foreign.Id } }))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await clerk.GetAsync($"/api/submissions/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound, "submission.not-found");
    }
}
