using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(AppFixture app)
{
    [Fact]
    public async Task Metrics_are_scraped_at_metrics_without_a_token_and_name_routes_not_paths()
    {
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var household = Guid.NewGuid();
        // ASP.NET Core records a request's duration as its pipeline ends, which may be after the client has the answer.
        // Other collections' hosts run in this process too: only this host's meters (its IMeterFactory is their scope) count.
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factory = app.Host.Services.GetRequiredService<IMeterFactory>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "http.server.request.duration" && ReferenceEquals(instrument.Meter.Scope, factory))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "http.route" && tag.Value as string == "/api/households/{id}") recorded.TrySetResult();
        });
        meters.Start();
        // A first scrape before the request: the exporter's reader is then certainly collecting when the request ends.
        (await app.Anonymous().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await district.GetAsync($"/api/households/{household}")).ShouldBe(HttpStatusCode.NotFound);
        await recorded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var scrape = await app.Anonymous().GetAsync("/metrics");
        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await scrape.Content.ReadAsStringAsync();
        text.ShouldContain("http_server_request_duration_seconds");
        text.ShouldContain("/api/households/{id}");
        text.ShouldNotContain(household.ToString());
    }

    [Fact]
    public async Task A_requests_trace_carries_its_correlation_id()
    {
        var correlation = "trace-" + Guid.NewGuid().ToString("N");
        // The request's activity stops as its pipeline ends, which may be after the client has the answer.
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("registry.correlation_id") is string id && id == correlation) seen.TrySetResult();
            },
        };
        ActivitySource.AddActivityListener(listener);
        var client = app.Client(Role.DistrictOfficer, AppFixture.District);
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);
        await (await client.GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK);
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
