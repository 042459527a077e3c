using System.Net;

namespace Registry.Api.Tests.Console;

/// <summary>The scrape endpoint of the API as its own process (test hosts share one process's meters, a deployment does not).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class MetricsTests(ConsoleFixture console)
{
    [Fact]
    public async Task Metrics_are_scraped_at_metrics_with_a_token_and_name_routes_not_paths()
    {
        (await console.Api.Client().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var client = await console.Client("scraper", "监控", "DistrictOfficer", ConsoleFixture.District);
        var household = Guid.NewGuid();
        (await client.GetAsync($"/api/households/{household}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A request's duration is recorded as its pipeline ends; the second scrape comes after the first one's whole round trip.
        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var scrape = await client.GetAsync("/metrics");
        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await scrape.Content.ReadAsStringAsync();
        text.ShouldContain("http_server_request_duration_seconds");
        text.ShouldContain("http_route=\"/api/households/{id}\"");
        text.ShouldNotContain(household.ToString());
    }
}
