using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Ledger;

namespace Registry.Api.Tests.History;

[Collection(HistoryCollection.Name)]
public sealed class CheckpointTests(HistoryFixture fixture)
{
    private AppFixture App => fixture.App;

    private static SignedCheckpoint Parse(JsonNode node) => node.Deserialize<SignedCheckpoint>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static byte[] Bytes(JsonNode? node) => Convert.FromBase64String(node!.GetValue<string>());

    [Fact]
    public async Task A_checkpoint_signs_the_root_of_every_event_committed_before_it_and_is_exported()
    {
        var (_, village) = await App.NewVillage();
        var household = await HistoryDriver.Household(App, village);
        var lastSequence = await HistoryDriver.Sequence(App, household, 3);

        var checkpoint = Parse(await HistoryDriver.Checkpoint(App));
        checkpoint.TreeSize.ShouldBeGreaterThanOrEqualTo(await HistoryDriver.Scalar(App, "select count(*) from {schema}.mt_events where seq_id <= @s",
            ("s", lastSequence)));

        var keys = await (await HistoryDriver.Inspector(App).GetAsync("/api/audit/keys")).ShouldBe(HttpStatusCode.OK);
        var key = keys["keys"]!.AsArray().Single(k => k!["keyId"]!.GetValue<string>() == checkpoint.KeyId)!;
        key["current"]!.GetValue<bool>().ShouldBeTrue();
        key["algorithm"]!.GetValue<string>().ShouldBe("ECDSA-P256-SHA256");
        using var publicKey = Checkpoints.FromPem(key["publicKey"]!.GetValue<string>());
        Checkpoints.Verify(checkpoint, publicKey).ShouldBeTrue();

        // The root is the one anybody computes from the stored rows alone, by the documented leaf encoding.
        var leaves = new LeafBuffer();
        await using (var connection = new NpgsqlConnection(await TestDatabase.ConnectionString()))
        {
            await connection.OpenAsync();
            await foreach (var e in EventLog.Read(connection, App.Schema, 0, null, CancellationToken.None)) leaves.Add(LeafEncoding.LeafHash(e));
        }
        leaves.Root(checkpoint.TreeSize).ShouldBe(checkpoint.RootHash);

        var latest = Parse(await (await HistoryDriver.Inspector(App).GetAsync("/api/audit/checkpoints/latest")).ShouldBe(HttpStatusCode.OK));
        latest.Signature.ShouldBe(checkpoint.Signature);
        var listed = await (await HistoryDriver.Inspector(App).GetAsync("/api/audit/checkpoints?page=1")).ShouldBe(HttpStatusCode.OK);
        Parse(listed["items"]![0]!).Signature.ShouldBe(checkpoint.Signature);

        var file = Path.Combine(fixture.ExportPath, Audit.History.CheckpointExport.FileName(checkpoint));
        File.Exists(file).ShouldBeTrue();
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Checkpoints.Verify(Parse(exported), publicKey).ShouldBeTrue();
        exported["signedText"]!.GetValue<string>().ShouldBe(Checkpoints.SignedText(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt));
    }

    [Fact]
    public async Task A_checkpoint_posted_again_with_its_idempotency_key_answers_the_first_and_issues_nothing_more()
    {
        var (_, village) = await App.NewVillage();
        await HistoryDriver.Household(App, village);
        var inspector = HistoryDriver.Inspector(App);
        Task<HttpResponseMessage> Post(HttpClient client, string key) =>
            client.Send(HttpMethod.Post, "/api/audit/checkpoints", null, new Dictionary<string, string> { ["Idempotency-Key"] = key });
        var key = Guid.NewGuid().ToString();
        var first = await Post(inspector, key);
        var body = await first.ShouldBe(HttpStatusCode.Created);
        first.Headers.Location!.ToString().ShouldBe("/api/audit/checkpoints/latest");
        var issued = await HistoryDriver.Scalar(App, "select count(*) from {schema}.mt_doc_checkpointrecord");

        await HistoryDriver.Household(App, village);
        var again = await Post(inspector, key);
        (await again.ShouldBe(HttpStatusCode.Created)).ToJsonString().ShouldBe(body.ToJsonString());
        (await HistoryDriver.Scalar(App, "select count(*) from {schema}.mt_doc_checkpointrecord")).ShouldBe(issued);

        // The key is the user's own: another inspector's request under it is a new checkpoint, over the household since.
        var other = await Post(HistoryDriver.Inspector(App, "inspector-2"), key);
        Parse(await other.ShouldBe(HttpStatusCode.Created)).TreeSize.ShouldBeGreaterThan(Parse(body).TreeSize);
        (await Post(inspector, new string('k', 201))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Sent with another request, the key is refused before anything is issued or started, whichever of the two came first.
        var verification = await inspector.Send(HttpMethod.Post, "/api/audit/verifications", null, new Dictionary<string, string> { ["Idempotency-Key"] = key });
        await verification.ShouldBe((HttpStatusCode)422, "idempotency.key-reused");
        var started = Guid.NewGuid().ToString();
        await (await inspector.Send(HttpMethod.Post, "/api/audit/verifications", null, new Dictionary<string, string> { ["Idempotency-Key"] = started }))
            .ShouldBe(HttpStatusCode.Accepted);
        var checkpoints = await HistoryDriver.Scalar(App, "select count(*) from {schema}.mt_doc_checkpointrecord");
        await (await Post(inspector, started)).ShouldBe((HttpStatusCode)422, "idempotency.key-reused");
        (await HistoryDriver.Scalar(App, "select count(*) from {schema}.mt_doc_checkpointrecord")).ShouldBe(checkpoints);
    }

    [Fact]
    public async Task Inclusion_and_consistency_proofs_verify_against_two_checkpoints()
    {
        var (_, village) = await App.NewVillage();
        var first = await HistoryDriver.Household(App, village);
        var older = Parse(await HistoryDriver.Checkpoint(App));
        await HistoryDriver.Household(App, village);
        var newer = Parse(await HistoryDriver.Checkpoint(App));
        newer.TreeSize.ShouldBeGreaterThan(older.TreeSize);
        var inspector = HistoryDriver.Inspector(App);

        var sequence = await HistoryDriver.Sequence(App, first, 2);
        var inclusion = await (await inspector.GetAsync($"/api/audit/proofs/inclusion?sequence={sequence}&treeSize={newer.TreeSize}"))
            .ShouldBe(HttpStatusCode.OK);
        inclusion["sequence"]!.GetValue<long>().ShouldBe(sequence);
        inclusion["treeSize"]!.GetValue<long>().ShouldBe(newer.TreeSize);
        var path = inclusion["auditPath"]!.AsArray().Select(Bytes).ToList();
        MerkleTree.VerifyInclusion(inclusion["leafIndex"]!.GetValue<long>(), newer.TreeSize, Bytes(inclusion["leafHash"]), path, newer.RootHash).ShouldBeTrue();

        var consistency = await (await inspector.GetAsync($"/api/audit/proofs/consistency?from={older.TreeSize}&to={newer.TreeSize}"))
            .ShouldBe(HttpStatusCode.OK);
        consistency["from"]!.GetValue<long>().ShouldBe(older.TreeSize);
        var proof = consistency["proof"]!.AsArray().Select(Bytes).ToList();
        MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, proof).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/api/audit/proofs/inclusion?sequence=abc", HttpStatusCode.BadRequest, "query.sequence.invalid")]
    [InlineData("/api/audit/proofs/inclusion?sequence=0", HttpStatusCode.BadRequest, "query.sequence.invalid")]
    [InlineData("/api/audit/proofs/inclusion", HttpStatusCode.BadRequest, "query.sequence.required")]
    [InlineData("/api/audit/proofs/inclusion?sequence=1&treeSize=x", HttpStatusCode.BadRequest, "query.tree-size.invalid")]
    [InlineData("/api/audit/proofs/inclusion?sequence=1&treeSize=999999999", HttpStatusCode.BadRequest, "audit.tree-size.past-head")]
    [InlineData("/api/audit/proofs/inclusion?sequence=999999999", HttpStatusCode.NotFound, "audit.sequence.unknown")]
    [InlineData("/api/audit/proofs/consistency?from=2&to=1", HttpStatusCode.BadRequest, "audit.consistency.from-after-to")]
    [InlineData("/api/audit/proofs/consistency?from=999999999&to=999999999", HttpStatusCode.BadRequest, "audit.tree-size.past-head")]
    [InlineData("/api/audit/proofs/consistency?from=1&to=999999999", HttpStatusCode.BadRequest, "audit.tree-size.past-head")]
    [InlineData("/api/audit/proofs/consistency?from=0&to=1", HttpStatusCode.BadRequest, "query.from.invalid")]
    [InlineData("/api/audit/proofs/consistency?from=1", HttpStatusCode.BadRequest, "query.to.required")]
    [InlineData("/api/audit/verify?stream=not-a-uuid", HttpStatusCode.BadRequest, "query.id.invalid")]
    [InlineData("/api/audit/verify?stream=00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound, "stream.not-found")]
    [InlineData("/api/audit/verifications/not-a-uuid", HttpStatusCode.BadRequest, "query.id.invalid")]
    [InlineData("/api/audit/verifications/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound, "audit.verification.not-found")]
    public async Task Bad_requests_get_a_problem_with_a_stable_code(string url, HttpStatusCode status, string code)
    {
        var (_, village) = await App.NewVillage();
        await HistoryDriver.Household(App, village);
        await HistoryDriver.Checkpoint(App);
        await (await HistoryDriver.Inspector(App).GetAsync(url)).ShouldBe(status, code);
    }

    [Fact]
    public async Task Only_inspectors_and_district_officers_issue_checkpoints_and_start_verifications()
    {
        var (town, village) = await App.NewVillage();
        await (await App.Client(Role.DistrictOfficer, AppFixture.District).PostAsync("/api/audit/checkpoints", null)).ShouldBe(HttpStatusCode.Created);
        await (await App.Client(Role.Inspector, town).PostAsync("/api/audit/checkpoints", null)).ShouldBe(HttpStatusCode.Created);
        foreach (var (role, org) in new[] { (Role.TownOfficer, town), (Role.VillageClerk, village), (Role.HousingDept, AppFixture.District) })
        {
            await (await App.Client(role, org).PostAsync("/api/audit/checkpoints", null)).ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
            await (await App.Client(role, org).PostAsync("/api/audit/verifications", null)).ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        }
        await (await App.Client(Role.TownOfficer, town).GetAsync("/api/audit/checkpoints/latest")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_untouched_store_verifies_in_full_with_every_household_snapshot()
    {
        var (_, village) = await App.NewVillage();
        await HistoryDriver.Household(App, village);
        await HistoryDriver.Checkpoint(App);
        var run = await HistoryDriver.Verification(App);
        HistoryDriver.Findings(run).ShouldBeEmpty();
        run["valid"]!.GetValue<bool>().ShouldBeTrue();
        run["eventsChecked"]!.GetValue<long>().ShouldBe(run["eventsTotal"]!.GetValue<long>());
        run["snapshotsChecked"]!.GetValue<long>().ShouldBeGreaterThan(0);
        run["checkpoint"]!["rootMatches"]!.GetValue<bool>().ShouldBeTrue();
        run["checkpoint"]!["signatureValid"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Any_kind_of_stream_verifies_against_the_checkpoint_inside_the_readers_unit()
    {
        var (town, village) = await App.NewVillage();
        var household = await HistoryDriver.Household(App, village);
        var raised = await (await App.Client(Role.TownOfficer, town).PostAsJsonAsync("/api/problems",
            new { householdId = household, source = "Check", description = "核查发现电话空号" })).ShouldBe(HttpStatusCode.Created);
        var problem = raised["id"]!.GetValue<Guid>();
        await HistoryDriver.Checkpoint(App);

        var report = await (await App.Client(Role.Inspector, town).GetAsync($"/api/audit/verify?stream={problem}")).ShouldBe(HttpStatusCode.OK);
        report["valid"]!.GetValue<bool>().ShouldBeTrue(report.ToJsonString());
        report["checkedEvents"]!.GetValue<int>().ShouldBe(1);
        report["uncovered"]!.GetValue<long>().ShouldBe(0);
        report["checkpoint"]!["rootMatches"]!.GetValue<bool>().ShouldBeTrue();
        (await (await App.Client(Role.Inspector, town).GetAsync($"/api/audit/verify?stream={household}")).Json())["checkedEvents"]!.GetValue<int>().ShouldBe(3);

        var (otherTown, _) = await App.NewVillage();
        await (await App.Client(Role.Inspector, otherTown).GetAsync($"/api/audit/verify?stream={problem}")).ShouldBe(HttpStatusCode.NotFound, "stream.not-found");
    }
}
