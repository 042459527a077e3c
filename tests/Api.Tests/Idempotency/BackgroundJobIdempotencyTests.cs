using System.Net;
using System.Net.Http.Json;
using Registry.Api.Audit.History;
using Registry.Api.Bulk;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Wolverine;
using Wolverine.Tracking;

namespace Registry.Api.Tests.Idempotency;

/// <summary>A job started again with the same Idempotency-Key answers the first job and starts nothing more, as every write does.</summary>
[Collection(ApiCollection.Name)]
public sealed class BackgroundJobIdempotencyTests(AppFixture app)
{
    [Fact]
    public async Task An_export_started_twice_under_one_key_is_one_export()
    {
        var (town, village) = await app.NewVillage();
        await Sample.Register(app.Client(Role.VillageClerk, village), village);
        var officer = app.Client(Role.TownOfficer, town, userId: "export-twice");
        var answers = new List<HttpResponseMessage>();

        var tracked = await app.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
        {
            for (var i = 0; i < 2; i++) answers.Add(await Send(officer, "/api/exports", new { org = town, format = "csv" }, "export-once"));
        }));

        var ids = new List<Guid>();
        foreach (var answer in answers) ids.Add((await answer.ShouldBe(HttpStatusCode.Accepted))["id"]!.GetValue<Guid>());
        ids.Distinct().ShouldHaveSingleItem();
        answers.Select(a => a.Headers.Location!.ToString()).Distinct().ShouldHaveSingleItem().ShouldBe($"/api/exports/{ids[0]}");
        tracked.Executed.MessagesOf<RunExport>().ShouldHaveSingleItem().JobId.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task A_verification_started_twice_under_one_key_is_one_verification()
    {
        var inspector = app.Client(Role.Inspector, AppFixture.District, userId: "verify-twice");
        var answers = new List<HttpResponseMessage>();

        var tracked = await app.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
        {
            for (var i = 0; i < 2; i++) answers.Add(await Send(inspector, "/api/audit/verifications", null, "verify-once"));
        }));

        var ids = new List<Guid>();
        foreach (var answer in answers) ids.Add((await answer.ShouldBe(HttpStatusCode.Accepted))["verificationId"]!.GetValue<Guid>());
        ids.Distinct().ShouldHaveSingleItem();
        tracked.Executed.MessagesOf<RunVerification>().ShouldHaveSingleItem().VerificationId.ShouldBe(ids[0]);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string url, object? body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
