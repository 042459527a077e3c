using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Registry.Api.Tests.Contract;
using Registry.Api.Tests.Fixtures;
using Wolverine;
using Wolverine.Tracking;
using Registry.Domain.Access;
using Xunit.Abstractions;

namespace Registry.Api.Tests.Hardening;

[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Random_and_malformed_requests_to_every_route_never_fail_the_server_leak_a_trace_or_write_when_refused()
    {
        var routes = RouteTable.From(app.Host.Services);
        routes.Count.ShouldBeGreaterThan(20);
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var known = new Dictionary<string, string>
        {
            ["id"] = household.Id.ToString(),
            ["memberId"] = household.Document.MemberId(household.HeadId).ToString(),
            ["kind"] = "Education",
            ["year"] = "2021",
            ["code"] = village,
            ["idNumber"] = household.HeadId,
            ["procedureId"] = Guid.NewGuid().ToString(),
        };
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.District] = app.Client(Role.DistrictOfficer, AppFixture.District),
            [Caller.Clerk] = clerk,
            [Caller.None] = app.Anonymous(),
            [Caller.Garbage] = app.Anonymous(),
        };
        clients[Caller.Garbage].DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.");
        var statuses = new Dictionary<int, int>();

        await HostileRequests.For(routes.Count, routes.Max(r => r.Parameters.Count)).SampleAsync(async request =>
        {
            var route = routes[request.Route];
            var url = route.Url(name => request.RouteValues[route.Parameters.ToList().IndexOf(name)] ?? known.GetValueOrDefault(name, "x"));
            if (request.Query.Count > 0)
                url += "?" + string.Join("&", request.Query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value)));
            var message = new HttpRequestMessage(new HttpMethod(route.Method), url);
            // Random query names are the point here: a route that ignores one it does not read is answering rightly.
            message.Options.Set(ContractCheckingHandler.QueryUnchecked, true);
            foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            var before = await WriteFingerprint();
            HttpResponseMessage? sent = null;
            // Work an accepted request starts in the background (a cleaning run) ends before the next request is measured.
            await app.Host.TrackActivity(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected().ExecuteAndWaitAsync(
                (Func<IMessageContext, Task>)(async _ =>
                {
                    try
                    {
                        sent = await clients[request.Caller].SendAsync(message);
                    }
                    catch (InvalidOperationException e) when (e.Message.Contains("null characters"))
                    {
                        // The in-memory client refuses a NUL in the path before sending; Kestrel answers such a request line 400 itself.
                    }
                }));
            if (sent is null) return;
            using var response = sent;
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;

            status.ShouldBeLessThan(500, $"{route} {url}: {text}");
            text.ShouldNotContain("   at ", Case.Sensitive, $"{route}: a stack trace");
            text.ShouldNotContain(".cs:line", Case.Sensitive, $"{route}: a stack trace");
            text.ShouldNotContain("exceptionType", Case.Sensitive, $"{route}: an exception type");
            if (status >= 400)
            {
                // A client whose Accept header rules JSON out gets the problem as plain text, as content negotiation asks.
                if (route.Pattern.StartsWith("/api/", StringComparison.Ordinal) && request.Headers.All(h => h.Name != "Accept"))
                {
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{route} {status}: {text}");
                    JsonNode.Parse(text)!["code"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                }
                (await WriteFingerprint()).ShouldBe(before, $"{route} refused with {status} but wrote: {text}");
            }
        }, iter: 700, threads: 1, print: r => $"{routes[r.Route]} {r}");

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        statuses.Keys.ShouldContain(200);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_whether_its_length_is_declared_or_streamed()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var padding = new string('x', 1_100_000);
        var declared = new StringContent($"{{\"villageCode\":\"{village}\",\"groupName\":\"{padding}\"}}", Encoding.UTF8, "application/json");
        await (await clerk.PostAsync("/api/households", declared)).ShouldBe(HttpStatusCode.RequestEntityTooLarge, "request.too-large");

        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"villageCode\":\"{village}\",\"groupName\":\"{padding}\"}}")));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/households") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await (await clerk.SendAsync(request)).ShouldBe(HttpStatusCode.RequestEntityTooLarge, "request.too-large");

        (await EventLog.Scalar(await TestDatabase.ConnectionString(), $"select count(*) from {app.Schema}.mt_events where data::text like '%{padding[..100]}%'"))
            .ShouldBe(0);
    }

    /// <summary>A keyed write reads its body for the key's fingerprint before the route does: the limit holds there too, and nothing is remembered.</summary>
    [Fact]
    public async Task A_keyed_body_over_the_limit_gets_413_and_leaves_its_key_unused()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}/members/{household.Document.MemberId(household.HeadId)}";
        var key = "too-large-" + Guid.NewGuid();
        var padding = new string('x', 1_100_000);
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"phone\":\"13700001111\",\"reason\":\"{padding}\"}}")));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Idempotency-Key", key);
        await (await clerk.SendAsync(request)).ShouldBe(HttpStatusCode.RequestEntityTooLarge, "request.too-large");

        // The key was never the answer to anything: sent with a request of the right size, it is a write of its own.
        await (await clerk.Send(HttpMethod.Patch, url, new { phone = "13700001111", reason = "换号" },
            new Dictionary<string, string> { ["Idempotency-Key"] = key })).ShouldBe(HttpStatusCode.OK);
        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        history.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_empty_id_names_no_household_and_no_submission()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var empty = Guid.Empty;
        await (await clerk.Send(HttpMethod.Put, $"/api/households/{empty}/risks", new { risks = new[] { "Disaster" }, reason = "水灾" }))
            .ShouldBe(HttpStatusCode.NotFound, "household.not-found");
        await (await app.Client(Role.VillageHead, village).PostAsync($"/api/submissions/{empty}/signatures", null))
            .ShouldBe(HttpStatusCode.NotFound, "submission.not-found");
    }

    [Fact]
    public async Task A_null_body_and_nul_characters_are_bad_requests_not_failures()
    {
        var (_, village) = await app.NewVillage();
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        await (await district.PostAsync("/api/org-units", new StringContent(" null ", Encoding.UTF8, "application/json")))
            .ShouldBe(HttpStatusCode.BadRequest, "request.malformed");
        await (await district.GetAsync($"/api/households?org={village}&q=%00")).ShouldBe(HttpStatusCode.BadRequest, "request.invalid-characters");
        await (await district.Send(HttpMethod.Put, $"/api/org-units/{AppFixture.District}/policy-lines/2020", new { povertyLine = 4000, monitoringLine = 6000, reason = "x" },
            new Dictionary<string, string> { ["Idempotency-Key"] = "a\0b" })).ShouldBe(HttpStatusCode.BadRequest, "request.idempotency-key");
        var clerk = app.Client(Role.VillageClerk, village);
        var register = await clerk.PostAsJsonAsync("/api/households", new
        {
            villageCode = village, status = "Unregistered",
            members = new[] { Sample.Member("王\0大山", People.IdNumber(male: true), "Head") },
        });
        ((int)register.StatusCode).ShouldBeInRange(400, 499, await register.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Json_nested_deeper_than_32_levels_gets_400()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var deep = new string('[', 40) + new string(']', 40);
        var body = new StringContent($"{{\"villageCode\":\"{village}\",\"status\":\"Poor\",\"members\":{deep}}}", Encoding.UTF8, "application/json");
        await (await clerk.PostAsync("/api/households", body)).ShouldBe(HttpStatusCode.BadRequest, "request.malformed");
    }

    /// <summary>What a refused request must leave alone: events (Marten's tombstones for failed appends aside), units, policy lines, idempotency records.</summary>
    private async Task<string> WriteFingerprint()
    {
        var s = app.Schema;
        var sql = $"""
            select concat_ws('|',
              (select count(*) from {s}.mt_events where type <> 'tombstone'),
              (select count(*) from {s}.mt_streams),
              (select count(*) from {s}.mt_doc_orgunit),
              -- A rule's refusal (422) is remembered under its Idempotency-Key: the first answer, not a write of the command.
              (select count(*) from {s}.mt_doc_idempotentresponse where (data->>'status')::int <> 422),
              (select coalesce(max(mt_last_modified)::text, '') from {s}.mt_doc_policylinesview))
            """;
        await using var connection = new Npgsql.NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        return (string)(await new Npgsql.NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
    }
}
