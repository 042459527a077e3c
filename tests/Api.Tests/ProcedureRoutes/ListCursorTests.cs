using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.ProcedureRoutes;

/// <summary>Every paged list but the roster walked by its next cursor: the same rows in the same order as its numbered pages.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListCursorTests(AppFixture app)
{
    [Fact]
    public async Task The_procedure_queue_monitoring_problems_and_changes_walk_by_cursor_in_the_order_of_their_pages()
    {
        var (town, village) = await app.NewVillage();
        var d = new ProcedureDriver(app, town, village);
        var inspector = app.Client(Role.Inspector, town, "insp-cursor", "督查组");
        for (var i = 0; i < 5; i++)
        {
            var household = (await Sample.Register(d.Clerk, village, status: "Unregistered")).Id;
            await d.Start(household, "Identification", $"2020-10-0{5 - i}");
            await (await inspector.PostAsJsonAsync("/api/problems", new { householdId = household, source = "Inspection", description = "电话号码有误" }))
                .ShouldBe(HttpStatusCode.Created);
        }
        for (var i = 0; i < 3; i++)
        {
            var household = (await Sample.Register(d.Clerk, village, "Exited", identifiedYear: 2015, exitYear: 2019)).Id;
            await d.Income(household, 10000m);
            await (await d.Clerk.PutAsJsonAsync($"/api/households/{household}/risks", new { risks = new[] { "MajorIllness" }, reason = "户主住院" }))
                .ShouldBe(HttpStatusCode.OK);
            await d.Monitor(household, "2020-10-01");
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var queue = await SameByCursorAndPages(d.Town, $"/api/procedures?org={village}", "procedureId", expected: 5);
        var started = (await (await d.Town.GetAsync($"/api/procedures?org={village}&pageSize=50")).Json())["items"]!.AsArray()
            .Select(p => p!["lastStepOn"]!.GetValue<string>()).ToList();
        started.ShouldBe(started.Order(StringComparer.Ordinal).ToList());
        queue.Count.ShouldBe(5);
        await SameByCursorAndPages(d.Town, $"/api/monitoring?org={village}", "id", expected: 3);
        await SameByCursorAndPages(d.Town, $"/api/problems?org={village}", "id", expected: 5);
        await SameByCursorAndPages(inspector, $"/api/audit/changes?org={village}", "id", expected: null);

        await (await d.Town.GetAsync($"/api/procedures?org={village}&after=2020-10-01.x")).ShouldBe(HttpStatusCode.BadRequest, "query.after.invalid");
        await (await d.Town.GetAsync($"/api/monitoring?org={village}&after=1&page=2")).ShouldBe(HttpStatusCode.BadRequest, "query.after.with-page");
        await (await inspector.GetAsync($"/api/audit/changes?org={village}&after=-4")).ShouldBe(HttpStatusCode.BadRequest, "query.after.invalid");
    }

    /// <summary>Reads a list by numbered pages of two and again by cursor, and requires the same rows in the same order.</summary>
    private static async Task<List<string>> SameByCursorAndPages(HttpClient client, string route, string idField, int? expected)
    {
        string Id(JsonNode? row) => row![idField]!.ToJsonString();
        var first = await (await client.GetAsync($"{route}&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        var total = first["total"]!.GetValue<long>();
        if (expected is { } count) total.ShouldBe(count);
        var byPages = new List<string>();
        for (var page = 1; (page - 1) * 2 < total; page++)
            byPages.AddRange((await (await client.GetAsync($"{route}&pageSize=2&page={page}")).Json())["items"]!.AsArray().Select(Id));

        var byCursor = first["items"]!.AsArray().Select(Id).ToList();
        var next = first["next"]?.GetValue<string>();
        while (next is not null)
        {
            var page = await (await client.GetAsync($"{route}&pageSize=2&after={Uri.EscapeDataString(next)}")).ShouldBe(HttpStatusCode.OK);
            page["total"]!.GetValue<long>().ShouldBe(total);
            byCursor.AddRange(page["items"]!.AsArray().Select(Id));
            next = page["next"]?.GetValue<string>();
        }
        byCursor.ShouldBe(byPages);
        byCursor.Count.ShouldBe((int)total);
        return byCursor;
    }
}
