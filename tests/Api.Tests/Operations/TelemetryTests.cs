using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(AppFixture app)
{
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

    [Fact]
    public void Without_an_otlp_endpoint_no_trace_is_recorded()
    {
        // The suite's host names no OTEL_EXPORTER_OTLP_ENDPOINT: nothing would receive the traces.
        app.Host.Services.GetService<TracerProvider>().ShouldBeNull();
    }
}
