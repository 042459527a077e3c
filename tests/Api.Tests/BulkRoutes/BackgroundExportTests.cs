using System.Net;
using System.Net.Http.Json;
using Registry.Api.Bulk;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Wolverine;
using Wolverine.Tracking;

namespace Registry.Api.Tests.BulkRoutes;

/// <summary>An export started with 202, written in the background with its progress, and downloaded once completed.</summary>
[Collection(ApiCollection.Name)]
public sealed class BackgroundExportTests(AppFixture app)
{
    [Fact]
    public async Task A_background_export_reports_its_progress_and_its_file_is_the_export_routes_sheet_for_its_requester_alone()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        for (var i = 0; i < 3; i++) await Sample.Register(clerk, village);
        var officer = app.Client(Role.TownOfficer, town, userId: "export-officer");

        HttpResponseMessage? response = null;
        var tracked = await app.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            response = await officer.PostAsJsonAsync("/api/exports", new { org = town, format = "csv" })));
        var accepted = await response!.ShouldBe(HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<Guid>();
        accepted["status"]!.GetValue<string>().ShouldBe("Pending");
        accepted["total"]!.GetValue<int>().ShouldBe(3);
        tracked.Executed.SingleMessage<RunExport>().JobId.ShouldBe(id);
        response!.Headers.Location!.ToString().ShouldBe($"/api/exports/{id}");

        var job = await (await officer.GetAsync($"/api/exports/{id}")).ShouldBe(HttpStatusCode.OK);
        job["status"]!.GetValue<string>().ShouldBe("Completed", job.ToJsonString());
        job["processed"]!.GetValue<int>().ShouldBe(3);
        job["download"]!.GetValue<string>().ShouldBe($"/api/exports/{id}/file");
        var file = await officer.GetAsync($"/api/exports/{id}/file");
        await file.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"households-{town}.csv");
        var inRequest = await (await officer.GetAsync($"/api/households/export?org={town}&format=csv")).Content.ReadAsByteArrayAsync();
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(inRequest);

        // Another user of the same office, and anyone outside it, finds no such export: the file shows what its requester may read.
        await (await app.Client(Role.TownOfficer, town, userId: "another-officer").GetAsync($"/api/exports/{id}")).ShouldBe(HttpStatusCode.NotFound, "export.not-found");
        await (await app.Client(Role.TownOfficer, town, userId: "another-officer").GetAsync($"/api/exports/{id}/file"))
            .ShouldBe(HttpStatusCode.NotFound, "export.not-found");
        await (await officer.PostAsJsonAsync("/api/exports", new { org = town, format = "pdf" })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unfinished_export_is_taken_up_again_at_start_and_its_file_is_not_ready_before()
    {
        var (town, _) = await app.NewVillage();
        var actor = new Registry.Api.Infrastructure.Actor("stopped-export", "镇扶贫办", Role.TownOfficer, town);
        var running = new ExportJob(Guid.CreateVersion7(), town, SheetFormat.Csv, actor.UserId, ExportStatus.Running, 0, 0, DateTimeOffset.UtcNow)
        {
            Requester = actor,
        };
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(running);
            await session.SaveChangesAsync();
        }
        var owner = app.Client(Role.TownOfficer, town, userId: actor.UserId);
        await (await owner.GetAsync($"/api/exports/{running.Id}/file")).ShouldBe(HttpStatusCode.Conflict, "export.not-ready");

        await using (var query = app.Store.QuerySession())
            (await Registry.Api.Infrastructure.UnfinishedWorkRecovery.Unfinished(query, CancellationToken.None)).ShouldContain(new RunExport(running.Id));
        await app.Host.InvokeMessageAndWaitAsync(new RunExport(running.Id));
        var job = await (await owner.GetAsync($"/api/exports/{running.Id}")).ShouldBe(HttpStatusCode.OK);
        job["status"]!.GetValue<string>().ShouldBe("Completed");
        await (await owner.GetAsync($"/api/exports/{running.Id}/file")).ShouldBe(HttpStatusCode.OK);
    }
}
