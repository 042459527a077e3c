using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Domain.Submissions;

namespace Registry.Api.Tests.Hardening.Authorization;

/// <summary>A unit of the matrix's own: a town, a village in it, a household there, and a client that can set more up.</summary>
public sealed class Scene(AppFixture app, string town, string village, RegisteredHousehold household)
{
    private int _nextVillage;

    public AppFixture App { get; } = app;
    public string Town { get; } = town;
    public string Village { get; } = village;
    public RegisteredHousehold Household { get; } = household;
    public HttpClient Clerk => App.Client(Role.VillageClerk, Village);

    public string NewVillageCode() => $"{Town[..9]}{Interlocked.Increment(ref _nextVillage) + 100:D3}";

    public Task<RegisteredHousehold> Fresh(string status = "Poor", int? exitYear = null) =>
        Sample.Register(Clerk, Village, status, exitYear: exitYear, identifiedYear: status == "Exited" ? 2016 : 2016);

    public async Task<Guid> Problem()
    {
        var response = await App.Client(Role.TownOfficer, Town).PostAsJsonAsync("/api/problems",
            new { householdId = Household.Id, source = "Check", description = "核查发现电话空号" });
        return (await response.ShouldBe(System.Net.HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    public HttpContent ImportFile() => BulkRoutes.ImportDriver.Form(BulkRoutes.ImportDriver.Csv(
    [
        [$"m{Guid.NewGuid():N}", Village, null, null, "Unregistered", null, null, null, "钱七", People.IdNumber(male: true), "Head"],
    ]), "matrix.csv");

    public async Task<Guid> Import()
    {
        var response = await Clerk.PostAsync("/api/imports", ImportFile());
        return (await response.ShouldBe(System.Net.HttpStatusCode.Accepted))["importId"]!.GetValue<Guid>();
    }

    public async Task<Guid> CleaningRun()
    {
        var response = await App.Client(Role.TownOfficer, Town).PostAsJsonAsync("/api/data-quality/runs", new { org = Village, campaignYear = 2020 });
        return (await response.ShouldBe(System.Net.HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// A completed export of the scene's village, started by the matrix's user of the role (or, for a role that may not read
    /// the registry, under that user's id by the district office), its file written before the answer.
    /// </summary>
    public async Task<Guid> Export(Role role)
    {
        var reader = AccessPolicy.Allows(role, Permission.ReadRegistry);
        var home = AccessPolicy.RolesAt(StepLevel.Village).Contains(role) ? Village : role == Role.TownOfficer ? Town : AppFixture.District;
        var client = App.Client(reader ? role : Role.DistrictOfficer, reader ? home : AppFixture.District, userId: $"matrix-{role}");
        var response = await client.PostAsJsonAsync("/api/exports", new { org = Village, format = "csv" });
        var id = (await response.ShouldBe(System.Net.HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();
        var tenant = App.Host.Services.GetRequiredService<Registry.Api.Tenancy.Districts>().TenantOfUnit(Village);
        await App.Host.Services.GetRequiredService<Registry.Api.Bulk.ExportRunner>().Run(id, tenant, CancellationToken.None);
        return id;
    }

    /// <summary>A checkpoint issued now, with the sequence of the tree's first event.</summary>
    public async Task<(long TreeSize, long FirstSequence)> Checkpoint()
    {
        var checkpoint = await (await App.Client(Role.Inspector, AppFixture.District).PostAsync("/api/audit/checkpoints", null))
            .ShouldBe(System.Net.HttpStatusCode.Created);
        var first = await History.HistoryDriver.Scalar(App, "select seq_id from {schema}.audit_leaves where leaf_index = 0");
        return (checkpoint["treeSize"]!.GetValue<long>(), first);
    }

    public async Task<Guid> Verification()
    {
        var response = await App.Client(Role.Inspector, AppFixture.District).PostAsync("/api/audit/verifications", null);
        return (await response.ShouldBe(System.Net.HttpStatusCode.Accepted))["verificationId"]!.GetValue<Guid>();
    }

    public async Task<Guid> SignedSubmission()
    {
        var id = await Submission();
        foreach (var signer in SignSubmissionDecision.Signers)
            await (await App.Client(signer, Village).PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(System.Net.HttpStatusCode.OK);
        return id;
    }

    public async Task<Guid> ApprovedSubmission()
    {
        var id = await SignedSubmission();
        await (await App.Client(Role.TownOfficer, Town).PostAsJsonAsync($"/api/submissions/{id}/review", new { outcome = "Approved" }))
            .ShouldBe(System.Net.HttpStatusCode.OK);
        return id;
    }

    public async Task<Guid> Submission()
    {
        var response = await Clerk.PostAsJsonAsync("/api/submissions", new { villageCode = Village, year = 2020, list = "NewPoor", householdIds = new[] { Household.Id } });
        return (await response.ShouldBe(System.Net.HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }
}

/// <summary>
/// What each route demands: the permission in the access table (or the rule the route applies instead), whether the target lies in a
/// unit, and a request that succeeds for an allowed role inside that unit.
/// </summary>
public sealed record RouteCase(string Key, Func<Role, bool> Allowed, Func<Scene, Role, Task<HttpRequestMessage>> Request, bool Scoped = true)
{
    /// <summary>Routes whose target outside the caller's unit answers as an unknown one (404) rather than 403: a specific resource.</summary>
    public bool NamesResource => Key.Contains("{id}", StringComparison.Ordinal) || Resources.Contains(Key);

    private static readonly string[] Resources = ["POST /api/problems", "POST /api/persons/lookup", "GET /api/audit/verify"];

    public static RouteCase Needs(string key, Permission permission, Func<Scene, Role, Task<HttpRequestMessage>> request, bool scoped = true) =>
        new(key, role => AccessPolicy.Allows(role, permission), request, scoped);

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static HttpRequestMessage Json(HttpMethod method, string url, object? body) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static Task<HttpRequestMessage> Send(HttpMethod method, string url, object? body) => Task.FromResult(Json(method, url, body));

    private static readonly Role[] VillageRoles = [.. AccessPolicy.RolesAt(StepLevel.Village)];

    /// <summary>Each guarantee's certifier certifies its own; everyone else is sent to the Education guarantee and refused.</summary>
    private static GuaranteeKind KindFor(Role role) =>
        AccessPolicy.GuaranteeCertifier.FirstOrDefault(c => c.Value == role, new(GuaranteeKind.Education, role)).Key;

    public static readonly IReadOnlyList<RouteCase> All =
    [
        Needs("GET /api/reference", Permission.ReadRegistry, (_, _) => Get("/api/reference"), scoped: false),
        Needs("PUT /api/org-units/{code}/policy-lines/{year}", Permission.ManagePolicyLines,
            (s, _) => Send(HttpMethod.Put, $"/api/org-units/{s.Town}/policy-lines/2020", new { povertyLine = 4000, monitoringLine = 6000, reason = "执行市定标准" })),
        Needs("POST /api/org-units", Permission.ManageOrgUnits, (s, _) => Send(HttpMethod.Post, "/api/org-units",
            new { code = s.NewVillageCode(), name = "新村", kind = "Village", parentCode = s.Town })),
        Needs("GET /api/org-units/{code}", Permission.ReadRegistry, (s, _) => Get($"/api/org-units/{s.Village}")),
        Needs("GET /api/org-units/{code}/policy-lines", Permission.ReadRegistry, (s, _) => Get($"/api/org-units/{s.Village}/policy-lines")),
        Needs("POST /api/households", Permission.RegisterHousehold, (s, _) => Send(HttpMethod.Post, "/api/households", new
        {
            villageCode = s.Village, status = "Unregistered",
            members = new[] { Sample.Member("赵四", People.IdNumber(male: true), "Head") },
        })),
        Needs("GET /api/households", Permission.ReadRegistry, (s, _) => Get($"/api/households?org={s.Village}")),
        Needs("GET /api/households/{id}", Permission.ReadRegistry, (s, _) => Get($"/api/households/{s.Household.Id}")),
        Needs("GET /api/households/{id}/history", Permission.ReadRegistry, (s, _) => Get($"/api/households/{s.Household.Id}/history")),
        Needs("POST /api/persons/lookup", Permission.ReadIdNumbers,
            (s, _) => Send(HttpMethod.Post, "/api/persons/lookup", new { idNumber = s.Household.HeadId })),
        Needs("POST /api/households/{id}/members", Permission.RecordHouseholdFacts, (s, _) => Send(HttpMethod.Post,
            $"/api/households/{s.Household.Id}/members", new
            {
                member = Sample.Member("王小宝", People.IdNumber(male: true, birthYear: 2019), "Son"), reason = "Birth", effectiveDate = "2020-03-01",
            })),
        Needs("POST /api/households/{id}/members/{memberId}/removal", Permission.RecordHouseholdFacts, async (s, _) =>
        {
            var fresh = await s.Fresh();
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/members/{fresh.Document.MemberId(fresh.SpouseId)}/removal",
                new { reason = "MovedOut", effectiveDate = "2020-06-01" });
        }),
        Needs("PATCH /api/households/{id}/members/{memberId}", Permission.RecordHouseholdFacts, (s, _) => Send(HttpMethod.Patch,
            $"/api/households/{s.Household.Id}/members/{s.Household.Document.MemberId(s.Household.HeadId)}",
            new { phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}", reason = "电话变更" })),
        Needs("POST /api/households/{id}/incomes", Permission.RecordHouseholdFacts,
            (s, _) => Send(HttpMethod.Post, $"/api/households/{s.Household.Id}/incomes", new { year = 2020, wage = 9000 })),
        Needs("POST /api/households/{id}/incomes/{year}/verification", Permission.VerifyIncome, async (s, _) =>
        {
            var fresh = await s.Fresh();
            await (await s.Clerk.PostAsJsonAsync($"/api/households/{fresh.Id}/incomes", new { year = 2020, wage = 9000 })).ShouldBe(System.Net.HttpStatusCode.OK);
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/incomes/2020/verification", new { note = "入户核实" });
        }),
        new("PUT /api/households/{id}/guarantees/{kind}", role => AccessPolicy.GuaranteeCertifier.Values.Contains(role),
            (s, role) => Send(HttpMethod.Put, $"/api/households/{s.Household.Id}/guarantees/{KindFor(role)}", new { status = "Resolved" })),
        Needs("POST /api/households/{id}/head", Permission.RecordHouseholdFacts, async (s, _) =>
        {
            var fresh = await s.Fresh();
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/head", new
            {
                memberId = fresh.Document.MemberId(fresh.SpouseId), relations = new Dictionary<Guid, string> { [fresh.Document.MemberId(fresh.HeadId)] = "Spouse" },
                reason = "户主变更",
            });
        }),
        Needs("POST /api/households/{id}/split", Permission.RecordHouseholdFacts, async (s, _) =>
        {
            var fresh = await s.Fresh();
            var spouse = fresh.Document.MemberId(fresh.SpouseId);
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/split", new { memberIds = new[] { spouse }, headMemberId = spouse, reason = "分户" });
        }),
        Needs("POST /api/households/{id}/merge", Permission.RecordHouseholdFacts, async (s, _) =>
        {
            var into = await s.Fresh();
            var from = await s.Fresh();
            return Json(HttpMethod.Post, $"/api/households/{into.Id}/merge", new
            {
                fromHouseholdId = from.Id, reason = "合户",
                relations = new Dictionary<Guid, string> { [from.Document.MemberId(from.HeadId)] = "Son", [from.Document.MemberId(from.SpouseId)] = "DaughterInLaw" },
            });
        }),
        Needs("PUT /api/households/{id}/facts", Permission.RecordHouseholdFacts, (s, _) => Send(HttpMethod.Put, $"/api/households/{s.Household.Id}/facts",
            new { povertyCauses = new[] { Enum.GetNames<PovertyCause>()[Random.Shared.Next(12)] }, reason = "信息采集" })),
        Needs("PUT /api/households/{id}/risks", Permission.RecordHouseholdFacts,
            (s, _) => Send(HttpMethod.Put, $"/api/households/{s.Household.Id}/risks", new { risks = new[] { "Disaster" }, reason = "水灾" })),
        Needs("POST /api/households/{id}/assistance", Permission.RecordAssistance, (s, _) => Send(HttpMethod.Post,
            $"/api/households/{s.Household.Id}/assistance",
            new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" })),
        new("POST /api/households/{id}/procedures", VillageRoles.Contains, async (s, _) =>
        {
            var fresh = await s.Fresh("Unregistered");
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/procedures", new { kind = "Identification", startedOn = "2020-10-01" });
        }),
        new("POST /api/households/{id}/procedures/{procedureId}/steps", VillageRoles.Contains, async (s, _) =>
        {
            var fresh = await s.Fresh("Unregistered");
            var started = await (await s.Clerk.PostAsJsonAsync($"/api/households/{fresh.Id}/procedures", new { kind = "Identification", startedOn = "2020-10-01" }))
                .ShouldBe(System.Net.HttpStatusCode.Created);
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/procedures/{started["procedureId"]}/steps",
                new { step = "Application", outcome = "Passed", occurredOn = "2020-10-02" });
        }),
        Needs("PUT /api/households/{id}/flags/not-enjoying-policy", Permission.FlagNotEnjoyingPolicy, async (s, _) =>
        {
            var fresh = await s.Fresh("Exited", exitYear: 2019);
            return Json(HttpMethod.Put, $"/api/households/{fresh.Id}/flags/not-enjoying-policy", new { reason = "享受政策核查" });
        }),
        Needs("POST /api/households/{id}/flags/not-enjoying-policy/clearance", Permission.FlagNotEnjoyingPolicy, async (s, _) =>
        {
            var fresh = await s.Fresh("Exited", exitYear: 2019);
            await (await s.App.Client(Role.TownOfficer, s.Town).PutAsJsonAsync($"/api/households/{fresh.Id}/flags/not-enjoying-policy",
                new { reason = "享受政策核查" })).ShouldBe(System.Net.HttpStatusCode.OK);
            return Json(HttpMethod.Post, $"/api/households/{fresh.Id}/flags/not-enjoying-policy/clearance", new { reason = "核查识别无误" });
        }),
        Needs("PUT /api/households/{id}/responsible", Permission.AssignResponsible, (s, _) => Send(HttpMethod.Put,
            $"/api/households/{s.Household.Id}/responsible", new { name = "刘帮扶", unit = $"帮扶单位{Random.Shared.Next(1_000_000)}", reason = "结对帮扶" })),
        Needs("GET /api/procedures", Permission.ReadRegistry, (s, _) => Get($"/api/procedures?org={s.Village}")),
        Needs("GET /api/monitoring", Permission.ReadRegistry, (s, _) => Get($"/api/monitoring?org={s.Village}")),
        Needs("GET /api/audit/changes", Permission.ReadAudit, (s, _) => Get($"/api/audit/changes?org={s.Village}")),
        Needs("GET /api/audit/verify", Permission.ReadAudit, (s, _) => Get($"/api/audit/verify?household={s.Household.Id}")),
        Needs("GET /api/audit/sensitive-reads", Permission.ReadSensitiveReads, (_, _) => Get("/api/audit/sensitive-reads"), scoped: false),
        Needs("POST /api/audit/checkpoints", Permission.AnchorHistory, (_, _) => Send(HttpMethod.Post, "/api/audit/checkpoints", null), scoped: false),
        Needs("GET /api/audit/checkpoints/latest", Permission.ReadAudit, async (s, _) =>
        {
            await s.Checkpoint();
            return new HttpRequestMessage(HttpMethod.Get, "/api/audit/checkpoints/latest");
        }, scoped: false),
        Needs("GET /api/audit/checkpoints", Permission.ReadAudit, (_, _) => Get("/api/audit/checkpoints?page=1"), scoped: false),
        Needs("GET /api/audit/keys", Permission.ReadAudit, (_, _) => Get("/api/audit/keys"), scoped: false),
        Needs("GET /api/audit/proofs/inclusion", Permission.ReadAudit, async (s, _) =>
            new HttpRequestMessage(HttpMethod.Get, $"/api/audit/proofs/inclusion?sequence={(await s.Checkpoint()).FirstSequence}"), scoped: false),
        Needs("GET /api/audit/proofs/consistency", Permission.ReadAudit, async (s, _) =>
            new HttpRequestMessage(HttpMethod.Get, $"/api/audit/proofs/consistency?from=1&to={(await s.Checkpoint()).TreeSize}"), scoped: false),
        Needs("POST /api/audit/verifications", Permission.AnchorHistory, (_, _) => Send(HttpMethod.Post, "/api/audit/verifications", null), scoped: false),
        Needs("GET /api/audit/verifications/{id}", Permission.AnchorHistory, async (s, _) =>
            new HttpRequestMessage(HttpMethod.Get, $"/api/audit/verifications/{await s.Verification()}"), scoped: false),
        Needs("POST /api/submissions", Permission.ProposeSubmission, (s, _) => Send(HttpMethod.Post, "/api/submissions",
            new { villageCode = s.Village, year = 2020, list = "NewPoor", householdIds = new[] { s.Household.Id } })),
        Needs("GET /api/submissions/{id}", Permission.ReadRegistry, async (s, _) => new HttpRequestMessage(HttpMethod.Get, $"/api/submissions/{await s.Submission()}")),
        new("POST /api/submissions/{id}/review", role => role == Role.TownOfficer, async (s, _) =>
            Json(HttpMethod.Post, $"/api/submissions/{await s.SignedSubmission()}/review", new { outcome = "Approved" })),
        new("POST /api/submissions/{id}/forwarding", role => role == Role.TownOfficer, async (s, _) =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/submissions/{await s.ApprovedSubmission()}/forwarding")),
        new("POST /api/submissions/{id}/signatures", SignSubmissionDecision.Signers.Contains,
            async (s, _) => new HttpRequestMessage(HttpMethod.Post, $"/api/submissions/{await s.Submission()}/signatures")),
        Needs("POST /api/households/{id}/corrections", Permission.RecordHouseholdFacts, (s, _) => Send(HttpMethod.Post,
            $"/api/households/{s.Household.Id}/corrections", new { changes = new { address = $"二组{Random.Shared.Next(1, 1_000_000)}号" }, reason = "门牌更正" })),
        Needs("POST /api/households/{id}/visits", Permission.RecordAssistance,
            (s, _) => Send(HttpMethod.Post, $"/api/households/{s.Household.Id}/visits", new { visitedOn = "2020-10-10", purpose = "信息采集" })),
        Needs("GET /api/data-quality/rules", Permission.ReadRegistry, (_, _) => Get("/api/data-quality/rules"), scoped: false),
        Needs("POST /api/data-quality/runs", Permission.RunDataQuality,
            (s, _) => Send(HttpMethod.Post, "/api/data-quality/runs", new { org = s.Village, campaignYear = 2020 })),
        Needs("GET /api/problems", Permission.ReadRegistry, (s, _) => Get($"/api/problems?org={s.Village}")),
        Needs("POST /api/problems", Permission.RaiseProblem, (s, _) => Send(HttpMethod.Post, "/api/problems",
            new { householdId = s.Household.Id, source = "Inspection", description = "督查发现收入核算有误" })),
        Needs("POST /api/problems/{id}/resolution", Permission.ResolveProblem, async (s, _) =>
            Json(HttpMethod.Post, $"/api/problems/{await s.Problem()}/resolution", new { outcome = "ConfirmedCorrect", note = "入户核实无误" })),
        Needs("GET /api/campaigns/{year}/progress", Permission.ReadRegistry, (s, _) => Get($"/api/campaigns/2020/progress?org={s.Village}")),
        Needs("GET /api/households/export", Permission.ReadRegistry, (s, _) => Get($"/api/households/export?org={s.Village}&format=csv")),
        Needs("GET /api/statistics", Permission.ReadRegistry, (s, _) => Get($"/api/statistics?org={s.Village}&year=2020")),
        Needs("GET /api/reports/{list}", Permission.ReadRegistry, (s, _) => Get($"/api/reports/NewlyPoor?org={s.Village}&year=2020")),
        Needs("GET /api/imports/template", Permission.ReadRegistry, (_, _) => Get("/api/imports/template?format=csv"), scoped: false),
        // Rows outside the uploader's unit are refused row by row, so the upload itself is not scoped.
        Needs("POST /api/imports", Permission.RegisterHousehold,
            (s, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = s.ImportFile() }), scoped: false),
        // A verdict quotes the sheet's cells: imports are for roles that may read ID numbers.
        Needs("GET /api/imports/{id}", Permission.ReadIdNumbers, async (s, _) => new HttpRequestMessage(HttpMethod.Get, $"/api/imports/{await s.Import()}")),
        Needs("POST /api/exports", Permission.ReadRegistry, (s, _) => Send(HttpMethod.Post, "/api/exports", new { org = s.Village, format = "csv" })),
        Needs("GET /api/exports/{id}", Permission.ReadRegistry, async (s, role) => new HttpRequestMessage(HttpMethod.Get, $"/api/exports/{await s.Export(role)}")),
        Needs("GET /api/exports/{id}/file", Permission.ReadRegistry,
            async (s, role) => new HttpRequestMessage(HttpMethod.Get, $"/api/exports/{await s.Export(role)}/file")),
        Needs("GET /api/data-quality/runs/{id}", Permission.ReadRegistry,
            async (s, _) => new HttpRequestMessage(HttpMethod.Get, $"/api/data-quality/runs/{await s.CleaningRun()}")),
    ];

    /// <summary>Routes open to anyone, with no token at all.</summary>
    public static readonly IReadOnlyList<string> Anonymous = ["POST /api/auth/dev-token"];

    public static IEnumerable<object[]> Keys => All.Select(c => new object[] { c.Key });

}
