using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Marten;
using Registry.Domain.Access;
using Registry.Projections.Households;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class RosterTests(AppFixture app)
{
    [Fact]
    public async Task The_roster_pages_filters_and_masks_id_numbers()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var poor = await Sample.Register(clerk, village);
        var exited = await Sample.Register(clerk, village, status: "Exited", identifiedYear: 2015, exitYear: 2018);
        await Sample.Register(clerk, village, status: "Unregistered");
        await (await clerk.PutAsJsonAsync($"/api/households/{exited.Id}/risks", new { risks = new[] { "MajorIllness" }, reason = "住院" }))
            .ShouldBe(HttpStatusCode.OK);

        var officer = app.Client(Role.TownOfficer, town);
        var all = await (await officer.GetAsync($"/api/households?org={town}&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        all["total"]!.GetValue<long>().ShouldBe(3);
        all["items"]!.AsArray().Count.ShouldBe(2);
        var page2 = await (await officer.GetAsync($"/api/households?org={town}&pageSize=2&page=2")).Json();
        page2["items"]!.AsArray().Count.ShouldBe(1);

        var poorOnly = await (await officer.GetAsync($"/api/households?org={town}&status=Poor")).Json();
        poorOnly["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(poor.Id);
        var ill = await (await officer.GetAsync($"/api/households?org={town}&risk=MajorIllness")).Json();
        ill["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(exited.Id);

        var text = all.ToJsonString() + page2.ToJsonString();
        text.ShouldNotContain(poor.HeadId);
        text.ShouldContain("**************" + poor.HeadId[^4..]);
        // A masked view shows the age, never the birth date.
        text.ShouldNotContain("birthDate");
        var head = poorOnly["items"]![0]!["members"]!.AsArray().Single(m => m!["relation"]!.GetValue<string>() == "Head")!;
        var born = DateOnly.ParseExact(poor.HeadId[6..14], "yyyyMMdd");
        head["age"]!.GetValue<int>().ShouldBe(Registry.Domain.People.ResidentIdNumber.Age(born, Registry.Domain.Common.RegistryCalendar.Today(DateTimeOffset.UtcNow)));

        var byName = await (await officer.GetAsync($"/api/households?org={town}&q={Uri.EscapeDataString("王大山")}")).Json();
        byName["total"]!.GetValue<long>().ShouldBe(3);
        await (await officer.GetAsync($"/api/households?org={town}&status=Rich")).ShouldBe(HttpStatusCode.BadRequest, "query.enum.unknown");
        await (await officer.GetAsync($"/api/households?org={town}&pageSize=100000")).ShouldBe(HttpStatusCode.BadRequest, "query.page-size.invalid");
    }

    [Fact]
    public async Task A_roster_row_follows_each_write_and_a_document_kept_before_its_line_existed_is_listed_from_the_document()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var spouse = household.Document["members"]![1]!["memberId"]!.GetValue<Guid>();
        await (await clerk.PatchAsJsonAsync($"/api/households/{household.Id}/members/{spouse}", new { name = "李秀英", reason = "更正姓名" }))
            .ShouldBe(HttpStatusCode.OK);

        var officer = app.Client(Role.TownOfficer, town);
        var kept = (await (await officer.GetAsync($"/api/households?org={town}")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Single()!;
        kept["version"]!.GetValue<long>().ShouldBe(2);
        kept["members"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ShouldContain("李秀英");
        kept.ToJsonString().ShouldNotContain(household.HeadId);

        kept["members"]!.AsArray().ShouldAllBe(m => m!["age"]!.GetValue<int>() > 0);
        var table = app.Store.Options.Schema.For<HouseholdDetails>();
        // A line kept before lines carried birth dates, and no line at all: both rows are made from the document, ages and all.
        foreach (var oldLine in new[] { """regexp_replace(roster_line, ',"birthDate":"[^"]*"', '', 'g')""", "null" })
        {
            await using (var session = app.Store.LightweightSession())
            {
                session.QueueSqlCommand($"update {table} set roster_line = {oldLine} where id = ?", household.Id);
                await session.SaveChangesAsync();
                (await session.QueryAsync<bool>($"select coalesce(roster_line like '%birthDate%', false) from {table} where id = ?", household.Id))
                    .Single().ShouldBeFalse();
            }
            var fromDocument = (await (await officer.GetAsync($"/api/households?org={town}")).Json())["items"]!.AsArray().Single()!;
            fromDocument.ToJsonString().ShouldBe(kept.ToJsonString());
        }
    }

    [Fact]
    public async Task Following_the_next_cursor_walks_the_roster_in_the_order_of_its_pages_and_a_household_registered_meanwhile_repeats_nothing()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        for (var i = 0; i < 7; i++) await Sample.Register(clerk, village, status: "Unregistered");
        var officer = app.Client(Role.TownOfficer, town);
        var byPages = new List<Guid>();
        for (var page = 1; page <= 3; page++)
            byPages.AddRange((await (await officer.GetAsync($"/api/households?org={town}&pageSize=3&page={page}")).Json())["items"]!.AsArray()
                .Select(h => h!["id"]!.GetValue<Guid>()));

        var byCursor = new List<Guid>();
        var first = await (await officer.GetAsync($"/api/households?org={town}&pageSize=3")).ShouldBe(HttpStatusCode.OK);
        byCursor.AddRange(first["items"]!.AsArray().Select(h => h!["id"]!.GetValue<Guid>()));
        // Registered before the next page is read: it sorts after the cursor, so it shows once, at its place, and nothing repeats.
        var late = await Sample.Register(clerk, village, status: "Unregistered");
        var next = first["next"]!.GetValue<string>();
        while (true)
        {
            var page = await (await officer.GetAsync($"/api/households?org={town}&pageSize=3&after={next}")).ShouldBe(HttpStatusCode.OK);
            page["total"]!.GetValue<long>().ShouldBe(8);
            byCursor.AddRange(page["items"]!.AsArray().Select(h => h!["id"]!.GetValue<Guid>()));
            if (page["next"]?.GetValue<string>() is not { } following) break;
            next = following;
        }

        // Ids are time-ordered (UUIDv7): the late household sorts last in its village.
        byCursor.ShouldBe([.. byPages, late.Id]);
        byPages.ShouldBe(byPages.OrderBy(id => id.ToString("N"), StringComparer.Ordinal).ToList());
        await (await officer.GetAsync($"/api/households?org={town}&after=x")).ShouldBe(HttpStatusCode.BadRequest, "query.after.invalid");
        await (await officer.GetAsync($"/api/households?org={town}&page=2&after={next}")).ShouldBe(HttpStatusCode.BadRequest, "query.after.with-page");
    }
}
