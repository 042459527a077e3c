using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

/// <summary>户主变更, 分户 and 合户 over HTTP: one head at every version, people and the person index move, both histories tell it.</summary>
[Collection(ApiCollection.Name)]
public sealed class LifecycleTests(AppFixture app)
{
    private static string[] Types(JsonNode history) => history.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task The_head_changes_only_by_its_own_route_and_never_leaves_the_household_headless()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var head = household.Document.MemberId(household.HeadId);
        var spouse = household.Document.MemberId(household.SpouseId);

        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members/{head}/removal", new { reason = "Death", effectiveDate = "2020-05-01" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "household.head.required");
        await (await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{head}", new { relation = "Other", reason = "改为其他" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "household.head.required");
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/head", new { memberId = spouse, reason = "户主去世" }))
            .ShouldBe(HttpStatusCode.BadRequest, "household.head.former-relation");
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/head",
            new { memberId = spouse, relations = new Dictionary<Guid, string> { [head] = "Spouse" }, reason = "户主去世", effectiveDate = "2020-05-01" }))
            .ShouldBe(HttpStatusCode.OK);
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members/{head}/removal", new { reason = "Death", effectiveDate = "2020-05-01" }))
            .ShouldBe(HttpStatusCode.OK);

        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["members"]!.AsArray().Single()!["relation"]!.GetValue<string>().ShouldBe("Head");
        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        Types(history).ShouldBe(["household.registered.v1", "household.head-changed.v1", "household.member-left.v1"]);
        history[1]!["reason"]!.GetValue<string>().ShouldBe("户主去世");
        for (var version = 1; version <= 3; version++)
        {
            var then = await (await clerk.GetAsync($"/api/households/{household.Id}?version={version}")).Json();
            then["members"]!.AsArray().Count(m => m!["relation"]!.GetValue<string>() == "Head").ShouldBe(1, $"version {version}");
        }
    }

    [Fact]
    public async Task A_split_forms_a_new_household_with_the_members_facts_and_moves_them_in_the_person_index()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var son = People.IdNumber(true, birthYear: 1995);
        var joined = await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members",
            new { member = Sample.Member("王小山", son, "Son", "13900001111"), reason = "Return", effectiveDate = "2020-01-05" })).Json();
        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        var sonId = document.MemberId(son);

        using var answer = await clerk.PostAsJsonAsync($"/api/households/{household.Id}/split",
            new { memberIds = new[] { sonId }, headMemberId = sonId, reason = "儿子成家分户", effectiveDate = "2020-06-01" });
        var split = await answer.ShouldBe(HttpStatusCode.Created);
        var newId = split["id"]!.GetValue<Guid>();

        var formedAnswer = await clerk.GetAsync($"/api/households/{newId}");
        var formed = await formedAnswer.ShouldBe(HttpStatusCode.OK);
        // A 201's Location and ETag name the new household; the source's new version is in the body.
        answer.Headers.Location!.ToString().ShouldBe($"/api/households/{newId}");
        answer.Headers.ETag!.Tag.ShouldBe(formedAnswer.Headers.ETag!.Tag);
        split["sourceVersion"]!.GetValue<long>().ShouldBe((await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["version"]!.GetValue<long>());
        formed["villageCode"]!.GetValue<string>().ShouldBe(village);
        var member = formed["members"]!.AsArray().Single()!;
        member["memberId"]!.GetValue<Guid>().ShouldBe(sonId);
        member["relation"]!.GetValue<string>().ShouldBe("Head");
        member["phone"]!.GetValue<string>().ShouldBe("13900001111");
        (await (await clerk.LookUp(son)).Json())["householdId"]!.GetValue<Guid>().ShouldBe(newId);

        var source = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        source["members"]!.AsArray().Count.ShouldBe(2);
        source["formerMembers"]!.AsArray().Single()!["reason"]!.GetValue<string>().ShouldBe("MovedOut");
        Types(await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).Last().ShouldBe("household.members-split-off.v1");
        Types(await (await clerk.GetAsync($"/api/households/{newId}/history")).Json()).ShouldBe(["household.split-from.v1"]);
        var chain = await (await app.Client(Role.Inspector, village[..9] + "000").GetAsync($"/api/audit/verify?household={newId}")).Json();
        chain.ToJsonString().ShouldContain("\"valid\":true");

        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/split",
            new { memberIds = new[] { household.Document.MemberId(household.HeadId) }, headMemberId = household.Document.MemberId(household.HeadId), reason = "x" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "household.head.required");
    }

    [Fact]
    public async Task A_merge_brings_every_member_over_closes_the_other_household_and_refuses_writes_to_it()
    {
        var (_, village) = await app.NewVillage();
        var (_, otherVillage) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var into = await Sample.Register(clerk, village, status: "Unregistered");
        var from = await Sample.Register(clerk, village, status: "Unregistered");
        var elsewhere = await Sample.Register(app.Client(Role.VillageClerk, otherVillage), otherVillage, status: "Unregistered");
        var fromHead = from.Document.MemberId(from.HeadId);
        var fromSpouse = from.Document.MemberId(from.SpouseId);
        var relations = new Dictionary<Guid, string> { [fromHead] = "Son", [fromSpouse] = "DaughterInLaw" };

        await (await clerk.PostAsJsonAsync($"/api/households/{into.Id}/merge", new { fromHouseholdId = elsewhere.Id, relations, reason = "x" }))
            .ShouldBe(HttpStatusCode.NotFound, "household.not-found");
        await (await clerk.PostAsJsonAsync($"/api/households/{into.Id}/merge", new { fromHouseholdId = from.Id, reason = "x" }))
            .ShouldBe(HttpStatusCode.BadRequest, "household.relation.required");
        var merged = await (await clerk.PostAsJsonAsync($"/api/households/{into.Id}/merge",
            new { fromHouseholdId = from.Id, relations, reason = "父子合户", effectiveDate = "2020-07-01" })).ShouldBe(HttpStatusCode.OK);
        merged["fromVersion"]!.GetValue<long>().ShouldBe(2);

        var document = await (await clerk.GetAsync($"/api/households/{into.Id}")).Json();
        document["members"]!.AsArray().Count.ShouldBe(4);
        document["members"]!.AsArray().Count(m => m!["relation"]!.GetValue<string>() == "Head").ShouldBe(1);
        var closed = await (await clerk.GetAsync($"/api/households/{from.Id}")).Json();
        closed["status"]!.GetValue<string>().ShouldBe("Merged");
        closed["mergedInto"]!.GetValue<Guid>().ShouldBe(into.Id);
        (await (await clerk.LookUp(from.HeadId)).Json())["householdId"]!.GetValue<Guid>().ShouldBe(into.Id);
        await (await clerk.PostAsJsonAsync($"/api/households/{from.Id}/visits", new { visitedOn = "2020-08-01" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "household.merged");
        Types(await (await clerk.GetAsync($"/api/households/{from.Id}/history")).Json()).Last().ShouldBe("household.merged-into.v1");
        Types(await (await clerk.GetAsync($"/api/households/{into.Id}/history")).Json()).Last().ShouldBe("household.merged-in.v1");
    }
}
