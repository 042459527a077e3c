using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Registry.Api.Tests.Fixtures;
using Shouldly;

namespace Registry.Api.Tests.Contract;

/// <summary>The served document describes every operation as API.md's "OpenAPI" section asks; the traffic check does the rest.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(AppFixture app)
{
    [Fact]
    public async Task Every_operation_has_an_id_a_summary_its_answers_and_its_security()
    {
        var contract = await app.Contract();
        var ids = new HashSet<string>();
        foreach (var (method, template, operation) in contract.Operations)
        {
            var name = $"{method} {template}";
            var id = operation["operationId"]?.GetValue<string>();
            id.ShouldNotBeNull(name);
            Regex.IsMatch(id, "^[a-z][a-zA-Z]+$").ShouldBeTrue($"{name}: {id} is not camelCase");
            ids.Add(id).ShouldBeTrue($"{id} is used twice");
            operation["summary"]?.GetValue<string>().ShouldContain(" ", customMessage: $"{name} has no plain-words summary");
            var responses = (JsonObject)operation["responses"]!;
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            success.Count.ShouldBe(1, $"{name} documents one success");
            var content = (JsonObject)success[0].Value!["content"]!;
            if (content["application/json"] is { } json)
                json["schema"]!.ToJsonString().ShouldContain("#/components/schemas/", customMessage: $"{name}: the success body is a named schema");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4'))
                response!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>()
                    .ShouldBe("#/components/schemas/ProblemBody", $"{name} {status}");
            responses.ShouldNotContainKey("500", name);
            var secured = operation["security"] is JsonArray { Count: > 0 };
            var probe = template.StartsWith("/health/", StringComparison.Ordinal);
            secured.ShouldBe(template != "/api/auth/dev-token" && !probe, name);
            responses.ContainsKey("401").ShouldBe(!probe, name);
            if (secured) responses.ContainsKey("403").ShouldBeTrue(name);
        }
        ids.Count.ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task Every_write_documents_the_headers_it_takes_and_answers_with()
    {
        var contract = await app.Contract();
        var writes = contract.Operations.Where(o => o.Operation["parameters"] is JsonArray ps && ps.Any(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")).ToList();
        var ids = writes.Select(w => w.Operation["operationId"]!.GetValue<string>()).ToList();
        foreach (var id in new[] { "registerHousehold", "changeMember", "signSubmission", "resolveProblem", "setPolicyLine", "recordCorrection" })
            ids.ShouldContain(id);
        // A write that only starts records has no version to match; each that does match one refuses a stale one (AuthorizationMatrixTests).
        string[] startsOnly = ["registerHousehold", "proposeSubmission", "raiseProblem", "startImport", "runDataQuality", "startExport", "startVerification",
            "issueCheckpoint"];
        // A checkpoint is no stream: it answers no version.
        string[] unversioned = ["issueCheckpoint"];
        foreach (var (method, template, operation) in writes)
        {
            var headers = ((JsonArray)operation["parameters"]!).Where(p => p!["in"]!.GetValue<string>() == "header").Select(p => p!["name"]!.GetValue<string>());
            string[] expected = startsOnly.Contains(operation["operationId"]!.GetValue<string>())
                ? ["Idempotency-Key", "X-Correlation-Id"] : ["If-Match", "Idempotency-Key", "X-Correlation-Id"];
            headers.ShouldBe(expected, ignoreOrder: true, $"{method} {template}");
            var (status, success) = ((JsonObject)operation["responses"]!).Single(r => r.Key.StartsWith('2'));
            var answered = ((JsonObject)success!["headers"]!).Select(h => h.Key).ToList();
            // A write that starts a background job answers where to follow it, and no version.
            if (status == "202" || unversioned.Contains(operation["operationId"]!.GetValue<string>())) answered.ShouldNotContain("ETag", $"{method} {template}");
            else answered.ShouldContain("ETag", $"{method} {template}");
            answered.ShouldContain("X-Correlation-Id", $"{method} {template}");
            if (status is "201" or "202") answered.ShouldContain("Location", $"{method} {template}");
        }
    }

    [Fact]
    public async Task Every_route_that_starts_a_background_job_documents_where_to_follow_it()
    {
        var contract = await app.Contract();
        var jobs = contract.Operations.Where(o => o.Operation["responses"]?["202"] is not null).ToList();
        jobs.Select(j => j.Operation["operationId"]!.GetValue<string>()).ShouldBe(["startImport", "startExport", "runDataQuality", "startVerification"],
            ignoreOrder: true);
        foreach (var (method, template, operation) in jobs)
            ((JsonObject)operation["responses"]!["202"]!["headers"]!).Select(h => h.Key)
                .ShouldBe(["Location", "X-Correlation-Id"], ignoreOrder: true, $"{method} {template}");
    }

    [Theory]
    [InlineData("getHousehold")]
    [InlineData("getPolicyLines")]
    public async Task A_read_that_answers_the_version_it_read_documents_its_ETag(string operationId)
    {
        var contract = await app.Contract();
        var read = contract.Operations.Single(o => o.Operation["operationId"]!.GetValue<string>() == operationId).Operation;
        ((JsonObject)read["responses"]!["200"]!["headers"]!).Select(h => h.Key).ShouldContain("ETag");
    }

    [Fact]
    public async Task The_paged_history_documents_its_next_page_link()
    {
        var contract = await app.Contract();
        var history = contract.Operations.Single(o => o.Operation["operationId"]!.GetValue<string>() == "getHouseholdHistory").Operation;
        ((JsonObject)history["responses"]!["200"]!["headers"]!).Select(h => h.Key).ShouldContain("Link");
    }

    [Fact]
    public async Task Every_json_request_body_has_an_example_that_fits_its_schema()
    {
        var contract = await app.Contract();
        var checker = new SchemaCheck(contract.Document);
        foreach (var (method, template, operation) in contract.Operations)
        {
            if (operation["requestBody"]?["content"]?["application/json"] is not JsonObject media) continue;
            var example = media["example"];
            example.ShouldNotBeNull($"{method} {template} has no example");
            var errors = new List<string>();
            checker.Validate(example, (JsonObject)media["schema"]!, "$", errors);
            errors.ShouldBeEmpty($"{method} {template}");
        }
    }

    [Fact]
    public async Task Every_operation_has_an_example_and_every_parameter_says_what_it_takes()
    {
        var contract = await app.Contract();
        var checker = new SchemaCheck(contract.Document);
        foreach (var (method, template, operation) in contract.Operations)
        {
            var name = $"{method} {template}";
            var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(p => p["in"]!.GetValue<string>() is "query" or "path").ToList();
            foreach (var parameter in parameters)
            {
                var where = $"{name} {parameter["name"]}";
                parameter["description"].ShouldNotBeNull(where).GetValue<string>().ShouldContain(" ", customMessage: $"{where} says what it takes");
                var errors = new List<string>();
                checker.Validate(parameter["example"].ShouldNotBeNull(where), (JsonObject)parameter["schema"]!, where, errors);
                errors.ShouldBeEmpty(where);
            }
            var answered = ((JsonObject)operation["responses"]!).Where(r => r.Key[0] == '2')
                .SelectMany(r => (r.Value!["content"] as JsonObject ?? []).Select(c => (JsonObject)c.Value!)).Where(m => m["example"] is not null).ToList();
            foreach (var media in answered)
            {
                var errors = new List<string>();
                checker.Validate(media["example"], (JsonObject)media["schema"]!, $"{name} answer", errors);
                errors.ShouldBeEmpty(name);
            }
            var sent = operation["requestBody"]?["content"]?["application/json"]?["example"] is not null;
            (sent || parameters.Count > 0 || answered.Count > 0).ShouldBeTrue($"{name} has no example");
        }
    }

    [Fact]
    public async Task The_health_probes_are_documented_and_answer_get_as_documented_without_a_token()
    {
        var contract = await app.Contract();
        contract.Find("GET", "/health/live").ShouldNotBeNull();
        contract.Find("GET", "/health/ready").ShouldNotBeNull();
        using var anonymous = app.Anonymous();
        foreach (var probe in new[] { "/health/live", "/health/ready" })
        {
            var answer = await anonymous.GetAsync(probe);
            answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, probe);
            (await answer.Content.ReadAsStringAsync()).ShouldBe("Healthy", probe);
            (await app.Client(Registry.Domain.Access.Role.Inspector, AppFixture.District).PostAsync(probe, null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.MethodNotAllowed, probe);
        }
    }

    [Fact]
    public async Task Enums_are_documented_by_name()
    {
        var contract = await app.Contract();
        var status = contract.Document["components"]!["schemas"]!["HouseholdStatus"]!;
        status["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("Poor");
    }

    [Fact]
    public async Task The_check_finds_an_undocumented_status_a_wrong_media_type_a_body_that_says_more_than_its_schema_and_an_instant_not_in_utc()
    {
        var contract = await app.Contract();
        var (_, operation) = contract.Find("GET", "/api/org-units/500101000000")!.Value;
        contract.Check(operation, 418, "application/json", null).ShouldNotBeEmpty();
        contract.Check(operation, 200, "text/html", null).ShouldNotBeEmpty();
        var drifted = JsonNode.Parse("""{"code":"500101000000","name":"万州区","kind":"District","surprise":1}""");
        contract.Check(operation, 200, "application/json", drifted).ShouldContain(e => e.Contains("surprise"));
        var mistyped = JsonNode.Parse("""{"code":5}""");
        contract.Check(operation, 200, "application/json", mistyped).ShouldContain(e => e.Contains("$.code"));
        var (_, latest) = contract.Find("GET", "/api/audit/checkpoints/latest")!.Value;
        var checkpoint = (JsonObject)latest["responses"]!["200"]!["content"]!["application/json"]!["example"]!.DeepClone();
        contract.Check(latest, 200, "application/json", checkpoint).ShouldBeEmpty();
        checkpoint["issuedAt"] = "2020-12-01T08:00:00+08:00";
        contract.Check(latest, 200, "application/json", checkpoint).ShouldContain(e => e.Contains("$.issuedAt"));
    }

    [Fact]
    public async Task The_check_finds_a_query_parameter_the_route_does_not_document_and_a_value_outside_its_schema()
    {
        var contract = await app.Contract();
        var (_, roster) = contract.Find("GET", "/api/households")!.Value;
        contract.CheckQuery(roster, "?status=Poor&page=2&pageSize=200&org=500101120001&q=%E7%8E%8B").ShouldBeEmpty();
        contract.CheckQuery(roster, "?householdStatus=Poor").ShouldContain(e => e.Contains("householdStatus"));
        contract.CheckQuery(roster, "?status=Rich").ShouldContain(e => e.Contains("?status"));
        contract.CheckQuery(roster, "?pageSize=201").ShouldContain(e => e.Contains("maximum"));
        contract.CheckQuery(roster, "?page=two").ShouldContain(e => e.Contains("?page"));
        contract.CheckQuery(roster, "?org=5001").ShouldContain(e => e.Contains("?org"));
        var (_, changes) = contract.Find("GET", "/api/audit/changes")!.Value;
        contract.CheckQuery(changes, "?from=2020-11-01T00:00:00Z&household=0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e11").ShouldBeEmpty();
        contract.CheckQuery(changes, "?from=yesterday").ShouldContain(e => e.Contains("date-time"));
        contract.CheckQuery(changes, "?household=42").ShouldContain(e => e.Contains("uuid"));
    }
}
