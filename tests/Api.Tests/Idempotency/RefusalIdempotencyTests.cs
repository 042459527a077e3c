using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Idempotency;

[Collection(ApiCollection.Name)]
public sealed class RefusalIdempotencyTests(AppFixture app)
{
    /// <summary>
    /// API.md: the same key from the same user within 24 h returns the first answer again and appends nothing. A refusal by a
    /// rule is a first answer: the head's removal, refused while it is the head, stays refused under its key after the head
    /// changed, though the same removal under a new key now applies.
    /// </summary>
    [Fact]
    public async Task A_rule_refusal_is_the_first_answer_to_its_key_even_after_the_record_changed()
    {
        var (clerk, household) = await UnregisteredHousehold();
        var head = household.Document.MemberId(household.HeadId);
        var spouse = household.Document.MemberId(household.SpouseId);
        var removal = $"/api/households/{household.Id}/members/{head}/removal";
        var body = new { reason = "Death", effectiveDate = "2020-05-01" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "remove-the-head" };

        var first = await clerk.Send(HttpMethod.Post, removal, body, key);
        var firstProblem = await first.ShouldBe(HttpStatusCode.UnprocessableEntity, "household.head.required");
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/head",
            new { memberId = spouse, relations = new Dictionary<Guid, string> { [head] = "Spouse" }, reason = "户主去世", effectiveDate = "2020-05-01" }))
            .ShouldBe(HttpStatusCode.OK);

        var repeat = await clerk.Send(HttpMethod.Post, removal, body, key);
        (await repeat.ShouldBe(HttpStatusCode.UnprocessableEntity, "household.head.required")).ToJsonString().ShouldBe(firstProblem.ToJsonString());
        (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray().Count.ShouldBe(2, "the repeat appended nothing");

        await (await clerk.Send(HttpMethod.Post, removal, body, new Dictionary<string, string> { ["Idempotency-Key"] = "remove-the-former-head" }))
            .ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// A write whose success removed what it names (a member removed, a procedure's last step recorded) is answered, when sent
    /// again under its key, with its first answer, not with the 404 a new decision would give.
    /// </summary>
    [Fact]
    public async Task A_repeat_of_a_write_that_removed_what_it_names_answers_its_first_answer()
    {
        var (clerk, household) = await UnregisteredHousehold();
        var removal = $"/api/households/{household.Id}/members/{household.Document.MemberId(household.SpouseId)}/removal";
        var body = new { reason = "Death", effectiveDate = "2020-05-01" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "remove-the-spouse" };

        var first = await clerk.Send(HttpMethod.Post, removal, body, key);
        var answer = await first.ShouldBe(HttpStatusCode.OK);
        var repeat = await clerk.Send(HttpMethod.Post, removal, body, key);
        (await repeat.ShouldBe(HttpStatusCode.OK)).ToJsonString().ShouldBe(answer.ToJsonString());
        repeat.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        // Under a new key the same removal is decided anew: the member is gone.
        await (await clerk.Send(HttpMethod.Post, removal, body, new Dictionary<string, string> { ["Idempotency-Key"] = "remove-the-spouse-again" }))
            .ShouldBe(HttpStatusCode.NotFound, "member.not-found");
        (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray().Count.ShouldBe(2);
    }

    /// <summary>A refused write returns the correlation id it was sent like any answer: a rule's refusal, a stale version, an unknown record.</summary>
    [Fact]
    public async Task A_refused_write_echoes_its_correlation_id()
    {
        var (clerk, household) = await UnregisteredHousehold();
        var head = $"/api/households/{household.Id}/members/{household.Document.MemberId(household.HeadId)}";
        async Task Refused(string url, object body, HttpStatusCode status, string code, string? ifMatch = null)
        {
            var correlation = Guid.NewGuid().ToString("N");
            var headers = new Dictionary<string, string> { ["X-Correlation-Id"] = correlation };
            if (ifMatch is not null) headers["If-Match"] = ifMatch;
            var response = await clerk.Send(HttpMethod.Post, url, body, headers);
            await response.ShouldBe(status, code);
            response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe(correlation);
        }

        await Refused($"{head}/removal", new { reason = "Death", effectiveDate = "2020-05-01" }, HttpStatusCode.UnprocessableEntity, "household.head.required");
        await Refused($"/api/households/{household.Id}/assistance",
            new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" },
            HttpStatusCode.Conflict, "concurrency.version-conflict", ifMatch: "\"7\"");
        await Refused($"/api/households/{Guid.NewGuid()}/assistance",
            new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" }, HttpStatusCode.NotFound, "household.not-found");

        // Refused before the route, for want of a token, it is echoed all the same.
        var anonymous = new HttpRequestMessage(HttpMethod.Post, $"/api/households/{household.Id}/assistance");
        anonymous.Headers.Add("X-Correlation-Id", "anonymous-attempt");
        var unauthorized = await app.Anonymous().SendAsync(anonymous);
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unauthorized.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("anonymous-attempt");
    }

    /// <summary>A key answers the request it was first sent with; sent with another request it is refused and nothing is written.</summary>
    [Fact]
    public async Task A_key_sent_again_with_another_request_is_refused_and_writes_nothing()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var member = $"/api/households/{household.Id}/members/{household.Document.MemberId(household.SpouseId)}";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "one-request" };

        var first = await (await clerk.Send(HttpMethod.Patch, member, new { phone = "13700001111", reason = "换号" }, key)).ShouldBe(HttpStatusCode.OK);
        await (await clerk.Send(HttpMethod.Patch, member, new { phone = "13700002222", reason = "换号" }, key))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "idempotency.key-reused");
        await (await clerk.Send(HttpMethod.Post, $"/api/households/{household.Id}/assistance",
            new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" }, key))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "idempotency.key-reused");
        (await (await clerk.Send(HttpMethod.Patch, member, new { phone = "13700001111", reason = "换号" }, key)).ShouldBe(HttpStatusCode.OK))
            .ToJsonString().ShouldBe(first.ToJsonString());
        (await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json()).AsArray().Count.ShouldBe(2);
    }

    /// <summary>A caller who may not see the household is told nothing remembered of it under a key, only that it is unknown.</summary>
    [Fact]
    public async Task A_remembered_refusal_is_not_replayed_to_a_caller_outside_the_household()
    {
        var (_, village) = await app.NewVillage();
        var (_, other) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village, "same-clerk");
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var removal = $"/api/households/{household.Id}/members/{household.Document.MemberId(household.HeadId)}/removal";
        var body = new { reason = "Death", effectiveDate = "2020-05-01" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "moved-away" };

        await (await clerk.Send(HttpMethod.Post, removal, body, key)).ShouldBe(HttpStatusCode.UnprocessableEntity, "household.head.required");
        await (await app.Client(Role.VillageClerk, other, "same-clerk").Send(HttpMethod.Post, removal, body, key)).ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Input refused is no decision: the same key, sent again with the input mended, writes.</summary>
    [Fact]
    public async Task Input_refused_is_not_remembered_under_its_key()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var url = $"/api/households/{household.Id}/assistance";
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "assistance-mended" };

        await (await clerk.Send(HttpMethod.Post, url, new { category = "Employment", startedOn = "2020-03-01", responsible = "刘帮扶" }, key))
            .ShouldBe(HttpStatusCode.BadRequest);
        await (await clerk.Send(HttpMethod.Post, url, new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" }, key))
            .ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A household of two registered by a village clerk as not yet poor, and that clerk.</summary>
    private async Task<(HttpClient Clerk, RegisteredHousehold Household)> UnregisteredHousehold()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        return (clerk, await Sample.Register(clerk, village, status: "Unregistered"));
    }
}
