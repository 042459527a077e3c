using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyAndTimeTravelTests(AppFixture app)
{
    [Fact]
    public async Task A_stale_if_match_gets_409_and_changes_nothing()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}/risks";
        var first = await clerk.Send(HttpMethod.Put, url, new { risks = new[] { "Disaster" }, reason = "水灾" },
            new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        (await first.ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(2);
        first.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var stale = await clerk.Send(HttpMethod.Put, url, new { risks = new[] { "Epidemic" }, reason = "疫情" },
            new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        await stale.ShouldBe(HttpStatusCode.Conflict, "concurrency.version-conflict");
        await (await clerk.Send(HttpMethod.Put, url, new { risks = new[] { "Epidemic" }, reason = "疫情" },
            new Dictionary<string, string> { ["If-Match"] = "yesterday" })).ShouldBe(HttpStatusCode.BadRequest, "request.if-match");
        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["version"]!.GetValue<long>().ShouldBe(2);
        document["monitoring"]!["risks"]![0]!.GetValue<string>().ShouldBe("Disaster");
    }

    [Fact]
    public async Task Concurrent_writers_with_if_match_leave_exactly_one_winner_per_version()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => clerk.Send(HttpMethod.Post,
            $"/api/households/{household.Id}/incomes", new { year = 2020, wage = 1000m * (i + 1) },
            new Dictionary<string, string> { ["If-Match"] = "\"1\"" })));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(7);
        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        history.AsArray().Select(e => e!["version"]!.GetValue<long>()).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_answer_and_appends_nothing()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var url = $"/api/households/{household.Id}/assistance";
        var body = new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" };
        var first = await (await clerk.Send(HttpMethod.Post, url, body, headers)).ShouldBe(HttpStatusCode.OK);
        var again = await clerk.Send(HttpMethod.Post, url, body, headers);
        (await again.ShouldBe(HttpStatusCode.OK)).ToJsonString().ShouldBe(first.ToJsonString());
        again.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var storm = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => clerk.Send(HttpMethod.Post, url, body,
            new Dictionary<string, string> { ["Idempotency-Key"] = "storm-key" })));
        storm.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        history.AsArray().Count.ShouldBe(3);

        // The key is the user's own: another user with the same key is a new write.
        var other = app.Client(Role.WorkTeam, village, "team-2");
        await (await other.Send(HttpMethod.Post, url, body, headers)).ShouldBe(HttpStatusCode.OK);
        (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_household_reads_as_it_was_at_a_version_an_instant_or_an_effective_date()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, registeredOn: "2019-06-01");
        var head = household.Document.MemberId(household.HeadId);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{head}",
            new { phone = "13911112222", effectiveDate = "2020-10-05", reason = "电话变更" })).ShouldBe(HttpStatusCode.OK);

        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        var registeredAt = history[0]!["recordedAt"]!.GetValue<DateTimeOffset>();

        string PhoneOf(System.Text.Json.Nodes.JsonNode d) => d["members"]!.AsArray()
            .Single(m => m!["memberId"]!.GetValue<Guid>() == head)!["phone"]!.GetValue<string>();
        var now = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        PhoneOf(now).ShouldBe("13911112222");
        var v1 = await (await clerk.GetAsync($"/api/households/{household.Id}?version=1")).ShouldBe(HttpStatusCode.OK);
        PhoneOf(v1).ShouldBe("13800138000");
        v1["version"]!.GetValue<long>().ShouldBe(1);
        var asOf = await (await clerk.GetAsync($"/api/households/{household.Id}?asOf={Uri.EscapeDataString(registeredAt.ToString("O"))}"))
            .ShouldBe(HttpStatusCode.OK);
        PhoneOf(asOf).ShouldBe("13800138000");
        PhoneOf(await (await clerk.GetAsync($"/api/households/{household.Id}?effectiveOn=2020-10-04")).ShouldBe(HttpStatusCode.OK)).ShouldBe("13800138000");
        PhoneOf(await (await clerk.GetAsync($"/api/households/{household.Id}?effectiveOn=2020-10-05")).ShouldBe(HttpStatusCode.OK)).ShouldBe("13911112222");

        await (await clerk.GetAsync($"/api/households/{household.Id}?effectiveOn=2019-05-31")).ShouldBe(HttpStatusCode.NotFound, "household.not-yet-effective");
        await (await clerk.GetAsync($"/api/households/{household.Id}?asOf=2000-01-01T00:00:00Z")).ShouldBe(HttpStatusCode.NotFound, "household.not-yet-recorded");
        await (await clerk.GetAsync($"/api/households/{household.Id}?version=9")).ShouldBe(HttpStatusCode.NotFound, "household.version-not-found");
        await (await clerk.GetAsync($"/api/households/{household.Id}?version=abc")).ShouldBe(HttpStatusCode.BadRequest, "query.version.invalid");
        await (await clerk.GetAsync($"/api/households/{household.Id}?asOf=yesterday")).ShouldBe(HttpStatusCode.BadRequest, "query.as-of.invalid");
    }

    [Fact]
    public async Task History_carries_actor_reason_correlation_and_a_hash_chain()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        await (await clerk.Send(HttpMethod.Put, $"/api/households/{household.Id}/risks", new { risks = new[] { "Schooling" }, reason = "子女上大学" },
            new Dictionary<string, string> { ["X-Correlation-Id"] = "campaign-2020-visit-17" })).ShouldBe(HttpStatusCode.OK);
        var history = (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray();
        history.Count.ShouldBe(2);
        history[1]!["correlationId"]!.GetValue<string>().ShouldBe("campaign-2020-visit-17");
        history[1]!["reason"]!.GetValue<string>().ShouldBe("子女上大学");
        history[1]!["sequence"]!.GetValue<long>().ShouldBeGreaterThan(history[0]!["sequence"]!.GetValue<long>());
        history.Select(e => e!["hash"]!.GetValue<string>()).Distinct().Count().ShouldBe(2);
        history.ShouldAllBe(e => e!["hash"]!.GetValue<string>().Length == 64);
    }

    [Fact]
    public async Task A_write_stores_the_correlation_id_it_was_sent_or_refuses_one_it_could_not_store_as_sent()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        const string traced = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01/req=7+a";
        Task<HttpResponseMessage> Risks(string correlation) => clerk.Send(HttpMethod.Put, $"/api/households/{household.Id}/risks",
            new { risks = new[] { "Schooling" }, reason = "子女上大学" }, new Dictionary<string, string> { ["X-Correlation-Id"] = correlation });

        foreach (var malformed in new[] { "campaign 2020", new string('c', 201), "批次-17" })
            await (await Risks(malformed)).ShouldBe(HttpStatusCode.BadRequest, "request.correlation-id");
        var stored = await Risks(traced);
        await stored.ShouldBe(HttpStatusCode.OK);
        stored.Headers.GetValues("X-Correlation-Id").Single().ShouldBe(traced);
        var history = (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray();
        history.Count.ShouldBe(2);
        history[1]!["correlationId"]!.GetValue<string>().ShouldBe(traced);

        // A read stores nothing under it: a malformed one is replaced by one of the registry's own.
        var read = new HttpRequestMessage(HttpMethod.Get, $"/api/households/{household.Id}");
        read.Headers.TryAddWithoutValidation("X-Correlation-Id", "campaign 2020");
        var answered = await clerk.SendAsync(read);
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        answered.Headers.GetValues("X-Correlation-Id").Single().ShouldMatch("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task A_household_of_another_unit_answers_exactly_as_an_unknown_one_while_a_list_of_another_unit_is_403()
    {
        var (_, village) = await app.NewVillage();
        var (_, elsewhere) = await app.NewVillage();
        var household = await Sample.Register(app.Client(Role.VillageClerk, village), village);
        var stranger = app.Client(Role.VillageClerk, elsewhere);
        var missing = Guid.NewGuid();
        foreach (var (theirs, unknown) in new (Func<Guid, Task<HttpResponseMessage>>, Func<Guid, Task<HttpResponseMessage>>)[]
        {
            (_ => stranger.GetAsync($"/api/households/{household.Id}"), _ => stranger.GetAsync($"/api/households/{missing}")),
            (_ => stranger.GetAsync($"/api/households/{household.Id}/history"), _ => stranger.GetAsync($"/api/households/{missing}/history")),
            (_ => stranger.PutAsJsonAsync($"/api/households/{household.Id}/risks", new { risks = new[] { "Other" }, reason = "x" }),
                _ => stranger.PutAsJsonAsync($"/api/households/{missing}/risks", new { risks = new[] { "Other" }, reason = "x" })),
            (_ => stranger.LookUp(household.HeadId), _ => stranger.LookUp(People.IdNumber(true))),
        })
        {
            var outside = await theirs(Guid.Empty);
            var none = await unknown(Guid.Empty);
            outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            WithoutTrace(await outside.Json()).ShouldBe(WithoutTrace(await none.Json()));
            (await outside.Content.ReadAsStringAsync()).ShouldNotContain(village);
        }
        await (await stranger.GetAsync($"/api/households?org={village}")).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await stranger.PostAsJsonAsync($"/api/households/{missing}/incomes", new { year = 2020 })).ShouldBe(HttpStatusCode.NotFound, "household.not-found");
    }

    private static string WithoutTrace(System.Text.Json.Nodes.JsonNode body)
    {
        body.AsObject().Remove("traceId");
        return body.ToJsonString();
    }

    [Fact]
    public async Task Rounds_of_many_concurrent_writers_with_if_match_store_exactly_the_winners_events_without_gaps()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}";
        var winners = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            var version = round + 1;
            var attempts = Enumerable.Range(0, 16).Select(i => (Correlation: $"round{round}-writer{i}", Writer: i)).ToList();
            var responses = await Task.WhenAll(attempts.Select(a => clerk.Send(
                a.Writer % 3 == 0 ? HttpMethod.Put : HttpMethod.Post,
                a.Writer % 3 == 0 ? url + "/risks" : a.Writer % 3 == 1 ? url + "/incomes" : url + "/assistance",
                a.Writer % 3 == 0 ? new { risks = new[] { "Disaster" }, reason = "水灾" }
                    : a.Writer % 3 == 1 ? new { year = 2020, wage = 1000 * (a.Writer + 1) }
                    : new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" },
                new Dictionary<string, string> { ["If-Match"] = $"\"{version}\"", ["X-Correlation-Id"] = a.Correlation })));
            responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}");
            foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
                await lost.ShouldBe(HttpStatusCode.Conflict, "concurrency.version-conflict");
            winners.Add(attempts[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)].Correlation);
        }
        var history = (await (await clerk.GetAsync($"{url}/history")).Json()).AsArray();
        history.Select(e => e!["version"]!.GetValue<long>()).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        history.Skip(1).Select(e => e!["correlationId"]!.GetValue<string>()).ShouldBe(winners);
        (await (await clerk.GetAsync(url)).Json())["version"]!.GetValue<long>().ShouldBe(5);
    }

    /// <summary>An If-Match of "*" names no version, as none does: such writes are run again on what is current too.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task Concurrent_changes_without_if_match_to_different_members_all_apply(string? ifMatch)
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var url = $"/api/households/{household.Id}";
        var members = new List<Guid> { household.Document.MemberId(household.HeadId), household.Document.MemberId(household.SpouseId) };
        for (var i = 0; i < 4; i++)
        {
            var joined = People.IdNumber(male: i % 2 == 0, birthYear: 2000 + i);
            await (await clerk.PostAsJsonAsync($"{url}/members", new { member = Sample.Member($"王小{"一二三四"[i]}", joined, i % 2 == 0 ? "Son" : "Daughter"),
                reason = "Birth", effectiveDate = "2020-02-01" })).ShouldBe(HttpStatusCode.OK);
            members.Add((await (await clerk.GetAsync(url)).Json()).MemberId(joined));
        }
        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var responses = await Task.WhenAll(members.Select(m => clerk.Send(HttpMethod.Patch, $"{url}/members/{m}",
                new { phone = $"139{round:D2}{members.IndexOf(m):D2}{Random.Shared.Next(1000, 9999)}", reason = "更正电话" },
                ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch })));
            foreach (var response in responses) await response.ShouldBe(HttpStatusCode.OK);
        }
        (await (await clerk.GetAsync(url)).Json())["version"]!.GetValue<long>().ShouldBe(1 + 4 + rounds * members.Count);
    }

    [Fact]
    public async Task A_storm_of_retries_with_one_idempotency_key_registers_one_household_and_appends_one_change()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var body = new
        {
            villageCode = village, status = "Unregistered",
            members = new[] { Sample.Member("王大山", People.IdNumber(male: true), "Head"), Sample.Member("李二妹", People.IdNumber(male: false), "Spouse") },
        };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "register-" + Guid.NewGuid() };
        var storm = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => clerk.Send(HttpMethod.Post, "/api/households", body, key)));
        var answers = await Task.WhenAll(storm.Select(r => r.ShouldBe(HttpStatusCode.Created)));
        answers.Select(a => a.ToJsonString()).Distinct().Count().ShouldBe(1);
        storm.Select(r => r.Headers.Location!.ToString()).Distinct().Count().ShouldBe(1);
        var id = answers[0]["id"]!.GetValue<Guid>();
        var roster = await (await clerk.GetAsync($"/api/households?org={village}")).Json();
        roster["items"]!.AsArray().Select(h => h!["id"]!.GetValue<Guid>()).ShouldBe([id]);

        var change = new Dictionary<string, string> { ["Idempotency-Key"] = "income-" + Guid.NewGuid(), ["If-Match"] = "\"1\"" };
        var retries = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            clerk.Send(HttpMethod.Post, $"/api/households/{id}/incomes", new { year = 2020, wage = 8000 }, change)));
        retries.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await (await clerk.GetAsync($"/api/households/{id}/history")).Json()).AsArray().Count.ShouldBe(2);
    }
}
