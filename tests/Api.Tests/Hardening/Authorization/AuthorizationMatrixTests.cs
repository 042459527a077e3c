using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;
using Wolverine;
using Wolverine.Tracking;
using Registry.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Hardening.Authorization;

/// <summary>Every route, every role, inside and outside the role's unit, and every kind of bad token, against the access table.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(AppFixture app)
{
    private const string OtherDistrict = "500102000000";

    [Fact]
    public void Every_api_route_the_application_maps_has_a_case_in_the_matrix()
    {
        var mapped = RouteTable.From(app.Host.Services).Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)).Select(r => r.Key).ToHashSet();
        var covered = RouteCase.All.Select(c => c.Key).Concat(RouteCase.Anonymous).ToHashSet();
        mapped.Except(covered).ShouldBeEmpty("routes without an authorisation case");
        covered.Except(mapped).ShouldBeEmpty("cases for routes the application does not map");
    }

    /// <summary>The contract's token carries sub, name, role and org, signed HS256: no issuer, audience or expiry is needed.</summary>
    [Fact]
    public async Task A_token_with_only_the_contract_claims_is_accepted()
    {
        var options = app.Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Registry.Api.Auth.AuthOptions>>().Value;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BadTokens.ContractOnly(options,
            new() { ["sub"] = "contract-user", ["name"] = "合同用户", ["role"] = "DistrictOfficer", ["org"] = AppFixture.District }));
        using var response = await client.GetAsync("/api/reference");
        ((int)response.StatusCode).ShouldBe(200, await Body(response));
    }

    [Theory]
    [MemberData(nameof(RouteCase.Keys), MemberType = typeof(RouteCase))]
    public async Task Each_role_inside_and_outside_its_unit_and_each_bad_token_gets_what_the_access_table_says(string route)
    {
        var @case = RouteCase.All.Single(c => c.Key == route);
        var failures = new List<string>();
        // Work the accepted requests start in the background (imports, cleaning runs) ends with the test, not in a later one.
        await app.Host.TrackActivity(TimeSpan.FromMinutes(2)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => Walk(@case, failures)));
        failures.ShouldBeEmpty();
    }

    private async Task Walk(RouteCase @case, List<string> failures)
    {
        var (town, village) = await app.NewVillage();
        var (otherTown, otherVillage) = await app.NewVillage();
        var scene = new Scene(app, town, village, await Sample.Register(app.Client(Role.VillageClerk, village), village));
        await StaleIfMatchIsRefusedWhereDocumented(@case, scene, town, village, failures);

        foreach (var role in Enum.GetValues<Role>())
        foreach (var inside in new[] { true, false })
        {
            var org = Home(role, inside ? town : otherTown, inside ? village : otherVillage, inside);
            var expectSuccess = @case.Allowed(role) && (inside || !@case.Scoped);
            using var response = await app.Client(role, org, userId: $"matrix-{role}").SendAsync(await @case.Request(scene, role));
            var status = (int)response.StatusCode;
            // A role that may never do it is refused 403; outside the unit a named resource is unknown (404). Routes whose
            // role rule depends on the resource (a procedure's step, a guarantee's department) may answer either outside.
            var refusal = @case.Allowed(role) && !inside && @case.NamesResource ? 404 : 403;
            var ok = expectSuccess ? status is >= 200 and < 300
                : status == refusal || (!inside && @case.NamesResource && status == 404);
            var body = await Body(response);
            if (!ok) failures.Add($"{role} {(inside ? "inside" : "outside")} ({org}): {status}, expected {(expectSuccess ? "2xx" : refusal)}: {body}");
            if (!inside && status >= 400 && (body.Contains(village, StringComparison.Ordinal) || body.Contains(town, StringComparison.Ordinal)
                    || body.Contains(scene.Household.Id.ToString(), StringComparison.Ordinal)))
                failures.Add($"{role} outside: the refusal names the unit or household it may not read: {body}");
        }

        var badTokens = BadTokens.For(app.Host.Services, AppFixture.District).Select(t => (t.Key, (string?)t.Value)).Append(("none", null));
        foreach (var (name, token) in badTokens)
        {
            var client = app.Anonymous();
            if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(await @case.Request(scene, Role.DistrictOfficer));
            var body = await Body(response);
            if ((int)response.StatusCode != 401 || !(JsonNode.Parse(body)?["code"]?.GetValue<string>() ?? "").StartsWith("auth.", StringComparison.Ordinal))
                failures.Add($"{name} token: {(int)response.StatusCode}, expected 401 auth.*: {body}");
        }
    }

    /// <summary>A route whose contract takes If-Match refuses a stale one, 409, before it changes anything.</summary>
    private async Task StaleIfMatchIsRefusedWhereDocumented(RouteCase @case, Scene scene, string town, string village, List<string> failures)
    {
        var takesIfMatch = (await app.Contract()).Operations.Any(o => $"{o.Method} {o.Template}" == @case.Key
            && o.Operation["parameters"] is JsonArray ps && ps.Any(p => p!["name"]!.GetValue<string>() == "If-Match"));
        if (!takesIfMatch) return;
        var role = Enum.GetValues<Role>().First(@case.Allowed);
        var request = await @case.Request(scene, role);
        request.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
        using var response = await app.Client(role, Home(role, town, village, inside: true), userId: $"matrix-{role}").SendAsync(request);
        var body = await Body(response);
        if ((int)response.StatusCode != 409 || JsonNode.Parse(body)?["code"]?.GetValue<string>() != "concurrency.version-conflict")
            failures.Add($"stale If-Match as {role}: {(int)response.StatusCode}, expected 409 concurrency.version-conflict: {body}");
    }

    /// <summary>The unit a role's user belongs to: village roles a village, the town office a town, the rest a district.</summary>
    private static string Home(Role role, string town, string village, bool inside) => role switch
    {
        Role.VillageClerk or Role.VillageHead or Role.FirstSecretary or Role.WorkTeam => village,
        Role.TownOfficer => town,
        _ => inside ? AppFixture.District : OtherDistrict,
    };

    private static async Task<string> Body(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 300 ? text[..300] : text;
    }
}
