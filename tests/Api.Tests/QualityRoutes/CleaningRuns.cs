using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Api.Quality;
using Registry.Api.Tests.Fixtures;
using Wolverine;
using Wolverine.Tracking;

namespace Registry.Api.Tests.QualityRoutes;

/// <summary>Starts a cleaning run, waits for its background work to end and returns the finished run.</summary>
public static class CleaningRuns
{
    public static async Task<JsonNode> Run(AppFixture app, HttpClient client, object body)
    {
        HttpResponseMessage? response = null;
        var tracked = await app.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            response = await client.PostAsJsonAsync("/api/data-quality/runs", body)));
        var accepted = await response!.ShouldBe(HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<Guid>();
        accepted["status"]!.GetValue<string>().ShouldBe("Pending");
        tracked.Executed.SingleMessage<RunDataQuality>().RunId.ShouldBe(id);
        response!.Headers.Location!.ToString().ShouldBe($"/api/data-quality/runs/{id}");
        var run = await (await client.GetAsync($"/api/data-quality/runs/{id}")).ShouldBe(HttpStatusCode.OK);
        run["status"]!.GetValue<string>().ShouldBe("Completed", run.ToJsonString());
        run["householdsChecked"]!.GetValue<int>().ShouldBe(run["total"]!.GetValue<int>());
        return run;
    }
}
