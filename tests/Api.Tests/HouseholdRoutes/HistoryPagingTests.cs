using System.Net;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class HistoryPagingTests(AppFixture app)
{
    /// <summary>
    /// A page that shows a birth date and no ID number is a sensitive read too: with the village and the last characters the
    /// roster shows, the date rebuilds the number. A page of a change that left the date as it was shows none and logs nothing.
    /// </summary>
    [Fact]
    public async Task A_page_showing_a_birth_date_alone_is_logged_as_a_sensitive_read()
    {
        var (town, village) = await app.NewVillage();
        var reader = "birth-date-reader-" + Guid.NewGuid().ToString("N");
        var clerk = app.Client(Role.VillageClerk, village, reader);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var spouse = $"/api/households/{household.Id}/members/{household.Document.MemberId(household.SpouseId)}";
        var birthDate = Registry.Domain.People.ResidentIdNumber.BirthDateOf(household.SpouseId)!.Value.ToString("yyyy-MM-dd");
        await (await clerk.Patch(spouse, new { birthDate, reason = "户籍核对" })).ShouldBe(HttpStatusCode.OK);
        await (await clerk.Patch(spouse, new { phone = "13700001111", reason = "换号" })).ShouldBe(HttpStatusCode.OK);
        async Task<int> Logged() => (await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?household={household.Id}&actor={reader}"))
            .ShouldBe(HttpStatusCode.OK))["items"]!.AsArray().Count;

        // The household's document, read once on registering it, showed its ID numbers.
        var before = await Logged();

        var dated = await (await clerk.GetAsync($"/api/households/{household.Id}/history?afterVersion=1&limit=1")).ShouldBe(HttpStatusCode.OK);
        dated.ToJsonString().ShouldContain(birthDate);
        dated.ToJsonString().ShouldNotContain(household.SpouseId);
        (await Logged()).ShouldBe(before + 1);

        await (await clerk.GetAsync($"/api/households/{household.Id}/history?afterVersion=2&limit=1")).ShouldBe(HttpStatusCode.OK);
        (await Logged()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Pages_of_a_history_follow_the_next_link_and_together_equal_the_whole_history()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        for (var year = 2015; year <= 2020; year++)
            await (await clerk.Send(HttpMethod.Post, $"/api/households/{household.Id}/incomes", new { year, wage = 1000m * (year - 2014) }))
                .ShouldBe(HttpStatusCode.OK);
        var whole = (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray();
        whole.Count.ShouldBe(7);

        var paged = new List<string>();
        var url = $"/api/households/{household.Id}/history?limit=3";
        var pages = 0;
        while (url is not null)
        {
            var response = await clerk.GetAsync(url);
            var page = (await response.ShouldBe(HttpStatusCode.OK)).AsArray();
            page.Count.ShouldBeLessThanOrEqualTo(3);
            paged.AddRange(page.Select(e => e!.ToJsonString()));
            url = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
            pages++;
        }
        pages.ShouldBe(3);
        paged.ShouldBe(whole.Select(e => e!.ToJsonString()).ToList());

        var tail = await clerk.GetAsync($"/api/households/{household.Id}/history?afterVersion=5");
        (await tail.Json()).AsArray().Select(e => e!["version"]!.GetValue<long>()).ShouldBe([6L, 7L]);
        tail.Headers.Contains("Link").ShouldBeFalse();

        // A last page exactly full has no next page, and a page past the end is empty.
        var lastFull = await clerk.GetAsync($"/api/households/{household.Id}/history?afterVersion=4&limit=3");
        (await lastFull.Json()).AsArray().Count.ShouldBe(3);
        lastFull.Headers.Contains("Link").ShouldBeFalse();
        (await (await clerk.GetAsync($"/api/households/{household.Id}/history?afterVersion=7&limit=3")).Json()).AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("limit=0", "query.limit.invalid")]
    [InlineData("limit=1001", "query.limit.invalid")]
    [InlineData("limit=ten", "query.limit.invalid")]
    [InlineData("afterVersion=-1", "query.after-version.invalid")]
    [InlineData("afterVersion=x", "query.after-version.invalid")]
    public async Task Bad_paging_values_are_refused_with_a_problem(string query, string code)
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        await (await clerk.GetAsync($"/api/households/{household.Id}/history?{query}")).ShouldBe(HttpStatusCode.BadRequest, code);
    }

    private static string NextOf(string link)
    {
        link.ShouldEndWith("rel=\"next\"");
        return link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
    }
}
