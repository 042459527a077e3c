using System.Net;
using System.Net.Http.Json;
using Registry.Api.Bulk;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Wolverine;
using Wolverine.Tracking;
using Microsoft.Extensions.DependencyInjection;

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
        // Its file is removed when the retention ends: the removal is scheduled for that moment as the export finishes.
        var expiresAt = job["expiresAt"]!.GetValue<DateTimeOffset>();
        expiresAt.ShouldBe(job["finishedAt"]!.GetValue<DateTimeOffset>() + ExportRetention.DefaultRetainFor);
        tracked.Scheduled.MessagesOf<ExpireExport>().Single().JobId.ShouldBe(id);
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
        // The same user acting in a department's role, which sees ID numbers masked, does not get a file written with them whole.
        var asDepartment = app.Client(Role.HousingDept, AppFixture.District, userId: "export-officer");
        await (await asDepartment.GetAsync($"/api/exports/{id}/file")).ShouldBe(HttpStatusCode.NotFound, "export.not-found");
        await (await officer.PostAsJsonAsync("/api/exports", new { org = town, format = "pdf" })).ShouldBe(HttpStatusCode.BadRequest);

        // The console's work page links the file, downloaded with the console's sign-in; the format is named in Chinese.
        var console = app.Host.Server.CreateClient();
        console.DefaultRequestHeaders.Add("Cookie", $"registry-console={app.Token(Role.TownOfficer, town, userId: "export-officer")}");
        var work = await (await console.GetAsync("/console/work")).Content.ReadAsStringAsync();
        var link = $"/console/work?handler=file&amp;id={id}";
        work.ShouldContain($"href=\"{link}\"");
        work.ShouldContain("逗号分隔文本（csv）");
        var fromConsole = await console.GetAsync(System.Net.WebUtility.HtmlDecode(link));
        await fromConsole.ShouldBe(HttpStatusCode.OK);
        (await fromConsole.Content.ReadAsByteArrayAsync()).ShouldBe(inRequest);
        var stranger = app.Host.Server.CreateClient();
        stranger.DefaultRequestHeaders.Add("Cookie", $"registry-console={app.Token(Role.TownOfficer, town, userId: "another-officer")}");
        (await stranger.GetAsync(System.Net.WebUtility.HtmlDecode(link))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
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
        // Not ready is not a version conflict: the file does not exist yet.
        await (await owner.GetAsync($"/api/exports/{running.Id}/file")).ShouldBe(HttpStatusCode.NotFound, "export.not-ready");

        await using (var query = app.Store.QuerySession())
            (await Registry.Api.Infrastructure.UnfinishedWorkRecovery.Unfinished(query, CancellationToken.None)).ShouldContain(new RunExport(running.Id));
        await app.Host.InvokeMessageAndWaitAsync(new RunExport(running.Id));
        var job = await (await owner.GetAsync($"/api/exports/{running.Id}")).ShouldBe(HttpStatusCode.OK);
        job["status"]!.GetValue<string>().ShouldBe("Completed");
        await (await owner.GetAsync($"/api/exports/{running.Id}/file")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_finished_exports_file_is_removed_when_its_retention_ends_and_its_record_as_long_after_a_late_download_told_why()
    {
        var (town, _) = await app.NewVillage();
        var actor = new Registry.Api.Infrastructure.Actor("expiring-export", "镇扶贫办", Role.TownOfficer, town);
        var retention = app.Host.Services.GetRequiredService<ExportRetention>();
        var files = app.Host.Services.GetRequiredService<ExportFiles>();
        var finished = DateTimeOffset.UtcNow - retention.RetainFor - TimeSpan.FromMinutes(1);
        var done = new ExportJob(Guid.CreateVersion7(), town, SheetFormat.Csv, actor.UserId, ExportStatus.Completed, 1, 1, finished, finished, finished, 3)
        {
            Requester = actor, ExpiresAt = finished + retention.RetainFor,
        };
        var failed = new ExportJob(Guid.CreateVersion7(), town, SheetFormat.Csv, actor.UserId, ExportStatus.Failed, 1, 0, finished, finished, finished,
            Failure: "export.failed") { Requester = actor, ExpiresAt = DateTimeOffset.UtcNow + TimeSpan.FromHours(1) };
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(done, failed);
            await session.SaveChangesAsync();
        }
        Directory.CreateDirectory(files.Directory);
        await File.WriteAllTextAsync(files.Of(done), "a,b");
        var owner = app.Client(Role.TownOfficer, town, userId: actor.UserId);
        await (await owner.GetAsync($"/api/exports/{failed.Id}/file")).ShouldBe(HttpStatusCode.NotFound, "export.failed");
        // Past its retention the file is not served, though its removal has not run yet (a node that scheduled it may be gone).
        await (await owner.GetAsync($"/api/exports/{done.Id}/file")).ShouldBe(HttpStatusCode.NotFound, "export.expired");
        File.Exists(files.Of(done)).ShouldBeTrue();
        var pastRetention = await (await owner.GetAsync($"/api/exports/{done.Id}")).ShouldBe(HttpStatusCode.OK);
        pastRetention["status"]!.GetValue<string>().ShouldBe("Expired");
        pastRetention["download"].ShouldBeNull();

        // What a start schedules: each finished export's next removal, from its record.
        await using (var query = app.Store.QuerySession())
        {
            var expiring = await Registry.Api.Infrastructure.UnfinishedWorkRecovery.Expiring(query, retention, CancellationToken.None);
            expiring.ShouldContain((new ExpireExport(done.Id), done.ExpiresAt!.Value));
            expiring.ShouldContain((new ExpireExport(failed.Id), failed.ExpiresAt!.Value));
        }

        await app.Host.InvokeMessageAndWaitAsync(new ExpireExport(done.Id));
        File.Exists(files.Of(done)).ShouldBeFalse();
        var expired = await (await owner.GetAsync($"/api/exports/{done.Id}")).ShouldBe(HttpStatusCode.OK);
        expired["status"]!.GetValue<string>().ShouldBe("Expired");
        expired["download"].ShouldBeNull();
        await (await owner.GetAsync($"/api/exports/{done.Id}/file")).ShouldBe(HttpStatusCode.NotFound, "export.expired");
        // A failed export not yet due stays as it is.
        await app.Host.InvokeMessageAndWaitAsync(new ExpireExport(failed.Id));
        (await (await owner.GetAsync($"/api/exports/{failed.Id}")).Json())["status"]!.GetValue<string>().ShouldBe("Failed");

        // As long again after, the record goes too.
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(done with { Status = ExportStatus.Expired, ExpiresAt = finished });
            await session.SaveChangesAsync();
        }
        await app.Host.InvokeMessageAndWaitAsync(new ExpireExport(done.Id));
        await (await owner.GetAsync($"/api/exports/{done.Id}")).ShouldBe(HttpStatusCode.NotFound, "export.not-found");
    }
}
