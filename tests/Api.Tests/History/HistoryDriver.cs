using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Api.Audit.History;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Wolverine.Tracking;

namespace Registry.Api.Tests.History;

/// <summary>Checkpoints, whole-store runs and SQL straight at a host's schema, for the verifiable-history tests.</summary>
public static class HistoryDriver
{
    public static HttpClient Inspector(AppFixture app, string userId = "inspector-1") => app.Client(Role.Inspector, AppFixture.District, userId, "督查员");

    public static async Task<JsonNode> Checkpoint(AppFixture app) =>
        await (await Inspector(app).PostAsync("/api/audit/checkpoints", null)).ShouldBe(HttpStatusCode.Created);

    /// <summary>Starts a whole-store verification, waits for its message to be handled and returns the finished run.</summary>
    public static async Task<JsonNode> Verification(AppFixture app)
    {
        var client = Inspector(app);
        HttpResponseMessage? response = null;
        await app.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            response = await client.PostAsync("/api/audit/verifications", null)));
        var accepted = await response!.ShouldBe(HttpStatusCode.Accepted);
        var id = accepted["verificationId"]!.GetValue<Guid>();
        response!.Headers.Location!.ToString().ShouldBe($"/api/audit/verifications/{id}");
        var run = await (await client.GetAsync($"/api/audit/verifications/{id}")).ShouldBe(HttpStatusCode.OK);
        run["status"]!.GetValue<string>().ShouldBe(nameof(VerificationStatus.Completed), run.ToJsonString());
        return run;
    }

    /// <summary>Each finding as "kind stream", for exact comparison.</summary>
    public static IReadOnlyList<string> Findings(JsonNode report) => report["findings"]!.AsArray()
        .Select(f => $"{f!["kind"]!.GetValue<string>()} {f["streamId"]?.GetValue<Guid>().ToString() ?? "-"}").ToList();

    public static async Task<int> Sql(AppFixture app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", app.Schema, StringComparison.Ordinal), connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> Scalar(AppFixture app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", app.Schema, StringComparison.Ordinal), connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static Task<long> Sequence(AppFixture app, Guid stream, long version) =>
        Scalar(app, "select seq_id from {schema}.mt_events where stream_id = @id and version = @v", ("id", stream), ("v", version));

    /// <summary>A household of three events: registered, then two phone changes.</summary>
    public static async Task<Guid> Household(AppFixture app, string village)
    {
        var clerk = app.Client(Role.VillageClerk, village, "clerk-h", "陈会计");
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var head = household.Document.MemberId(household.HeadId);
        foreach (var phone in new[] { "13700001111", "13700002222" })
            await (await clerk.Patch($"/api/households/{household.Id}/members/{head}", new { phone, reason = "电话变更" })).ShouldBe(HttpStatusCode.OK);
        return household.Id;
    }
}
