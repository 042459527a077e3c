using System.Net;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Demo;

/// <summary>Filters and paging over a town of every shape: a filtered list is exactly the unfiltered list narrowed by hand.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoFilterTests(DemoTownFixture demo)
{
    private string Town => demo.Options.TownCode;

    private HttpClient District => demo.App.Client(Role.DistrictOfficer, AppFixture.District);

    [Theory]
    [InlineData("monitoring", "UnstableExited")]
    [InlineData("monitoring", "Marginal")]
    [InlineData("status", "Exited")]
    [InlineData("risk", "MajorIllness")]
    public async Task The_roster_filtered_by_a_value_is_the_whole_roster_narrowed_to_it(string filter, string value)
    {
        var all = await Items($"/api/households?org={Town}");
        var expected = all.Where(h => Matches(h, filter, value)).Select(Id).ToHashSet();
        expected.ShouldNotBeEmpty();
        expected.Count.ShouldBeLessThan(all.Count);

        (await Items($"/api/households?org={Town}&{filter}={value}")).Select(Id).ToHashSet().ShouldBe(expected, ignoreOrder: true);
    }

    [Theory]
    [InlineData("UnstableExited")]
    [InlineData("Marginal")]
    public async Task The_monitoring_view_filtered_by_kind_is_the_whole_view_narrowed_to_it(string kind)
    {
        var all = await Items($"/api/monitoring?org={Town}");
        var expected = all.Where(r => r["kind"]!.GetValue<string>() == kind).Select(Id).ToHashSet();
        expected.ShouldNotBeEmpty();
        (await Items($"/api/monitoring?org={Town}&kind={kind}")).Select(Id).ToHashSet().ShouldBe(expected, ignoreOrder: true);
        // The totals are kept apart from the rows, by the same rule.
        (await Total($"/api/monitoring?org={Town}")).ShouldBe(all.Count);
        (await Total($"/api/monitoring?org={Town}&kind={kind}")).ShouldBe(expected.Count);
    }

    private async Task<long> Total(string url) => (await (await District.GetAsync(url)).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>();

    [Fact]
    public async Task Audit_changes_page_through_the_town_newest_first_without_gaps_or_repeats()
    {
        var whole = await Items($"/api/audit/changes?org={Town}&type=household.registered.v1");
        whole.Count.ShouldBe(demo.Options.Households);
        var pages = new List<JsonNode>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await (await District.GetAsync($"/api/audit/changes?org={Town}&type=household.registered.v1&page={page}&pageSize=100"))
                .ShouldBe(HttpStatusCode.OK);
            body["total"]!.GetValue<long>().ShouldBe(demo.Options.Households);
            pages.AddRange(body["items"]!.AsArray().Select(n => n!));
        }
        pages.Select(e => e["sequence"]!.GetValue<long>()).ShouldBe(whole.Select(e => e["sequence"]!.GetValue<long>()));
        // A page past the end is empty and still tells the total.
        pages.Select(e => e["sequence"]!.GetValue<long>()).ShouldBeInOrder(SortDirection.Descending);
        pages.ForEach(e => e["effectiveOn"]!.GetValue<string>().ShouldNotBeNullOrEmpty());
    }

    private static Guid Id(JsonNode node) => node["id"]!.GetValue<Guid>();

    private static bool Matches(JsonNode household, string filter, string value) => filter switch
    {
        "risk" => household["risks"]!.AsArray().Any(r => r!.GetValue<string>() == value),
        _ => household[filter]!.GetValue<string>() == value,
    };

    /// <summary>Every item of a list route, page after page.</summary>
    private async Task<List<JsonNode>> Items(string url)
    {
        var items = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var body = await (await District.GetAsync($"{url}&pageSize=100&page={page}")).ShouldBe(HttpStatusCode.OK);
            var batch = body["items"]!.AsArray().Select(n => n!).ToList();
            items.AddRange(batch);
            if (batch.Count == 0 || items.Count >= body["total"]!.GetValue<long>()) return items;
        }
    }
}
