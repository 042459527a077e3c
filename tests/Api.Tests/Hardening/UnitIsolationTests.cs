using System.Net;
using System.Text.Json.Nodes;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Hardening;

/// <summary>No read crosses a unit's boundary, whatever the filter, page or search text.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnitIsolationTests(AppFixture app)
{
    [Fact]
    public async Task Filters_paging_and_search_never_reach_another_units_households()
    {
        var (townA, villageA) = await app.NewVillage();
        var (townB, villageB) = await app.NewVillage();
        var theirs = await Sample.Register(app.Client(Role.VillageClerk, villageA), villageA);
        var ours = await Sample.Register(app.Client(Role.VillageClerk, villageB), villageB);
        await Sample.Register(app.Client(Role.VillageClerk, villageB), villageB);

        foreach (var reader in new[] { app.Client(Role.VillageClerk, villageB), app.Client(Role.TownOfficer, townB) })
        {
            foreach (var q in new[] { theirs.HeadId, theirs.HeadId[^4..], "王大山", "%", "_", "%王%", "5001" })
            {
                var page = await (await reader.GetAsync($"/api/households?q={Uri.EscapeDataString(q)}&pageSize=200")).ShouldBe(HttpStatusCode.OK);
                Rows(page).ShouldNotContain(theirs.Id, $"q={q}");
                Villages(page).ShouldAllBe(v => v == villageB);
            }
            var second = await (await reader.GetAsync("/api/households?page=2&pageSize=1")).ShouldBe(HttpStatusCode.OK);
            second["total"]!.GetValue<long>().ShouldBe(2);
            Villages(second).ShouldAllBe(v => v == villageB);

            foreach (var org in new[] { villageA, townA, AppFixture.District, "500101999999" })
            foreach (var list in new[] { "households", "procedures", "monitoring" })
                await (await reader.GetAsync($"/api/{list}?org={org}")).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
            await (await reader.LookUp(theirs.HeadId)).ShouldBe(HttpStatusCode.NotFound, "person.not-found");
            await (await reader.GetAsync($"/api/households/{theirs.Id}?version=1")).ShouldBe(HttpStatusCode.NotFound, "household.not-found");
        }
        Rows(await (await app.Client(Role.VillageClerk, villageB).GetAsync("/api/households")).Json()).ShouldContain(ours.Id);
    }

    [Fact]
    public async Task Audit_reads_stay_inside_the_readers_unit()
    {
        var (townA, villageA) = await app.NewVillage();
        var (townB, _) = await app.NewVillage();
        var theirs = await Sample.Register(app.Client(Role.VillageClerk, villageA), villageA);
        await app.Client(Role.VillageClerk, villageA).GetAsync($"/api/households/{theirs.Id}");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var own = app.Client(Role.TownOfficer, townA);
        Items(await (await own.GetAsync($"/api/audit/changes?household={theirs.Id}")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(1);
        Items(await (await app.Client(Role.Inspector, townA).GetAsync($"/api/audit/sensitive-reads?household={theirs.Id}")).ShouldBe(HttpStatusCode.OK))
            .Count.ShouldBeGreaterThan(0);

        var stranger = app.Client(Role.TownOfficer, townB);
        Items(await (await stranger.GetAsync($"/api/audit/changes?household={theirs.Id}")).ShouldBe(HttpStatusCode.OK)).ShouldBeEmpty();
        Items(await (await app.Client(Role.Inspector, townB).GetAsync($"/api/audit/sensitive-reads?household={theirs.Id}")).ShouldBe(HttpStatusCode.OK))
            .ShouldBeEmpty();
        await (await stranger.GetAsync($"/api/audit/changes?org={villageA}")).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await stranger.GetAsync($"/api/audit/verify?org={townA}")).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await stranger.GetAsync($"/api/audit/verify?household={theirs.Id}")).ShouldBe(HttpStatusCode.NotFound, "household.not-found");
    }

    private static JsonArray Items(JsonNode page) => page["items"]!.AsArray();

    private static List<Guid> Rows(JsonNode page) => Items(page).Select(r => r!["id"]!.GetValue<Guid>()).ToList();

    private static List<string> Villages(JsonNode page) => Items(page).Select(r => r!["villageCode"]!.GetValue<string>()).ToList();
}
