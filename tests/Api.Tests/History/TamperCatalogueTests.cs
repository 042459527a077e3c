using System.Net;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.History;

/// <summary>
/// Every kind of forgery someone with the database's credentials can make, each made by SQL against a checkpointed store,
/// and each found by the whole-store verification (and, for edits and backdating, by verifying the one stream).
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class TamperCatalogueTests(TamperFixture fixture)
{
    private AppFixture App => fixture.App;

    [Fact]
    public async Task Every_forgery_made_in_sql_is_found_with_its_sequence_and_stream()
    {
        var (_, village) = await App.NewVillage();
        var edited = await HistoryDriver.Household(App, village);
        var backdated = await HistoryDriver.Household(App, village);
        var deleted = await HistoryDriver.Household(App, village);
        var cut = await HistoryDriver.Household(App, village);
        var gone = await HistoryDriver.Household(App, village);
        var reordered = await HistoryDriver.Household(App, village);
        // A sequence number taken and never committed, as a rolled-back write leaves: a gap a forger can fill.
        var gap = await HistoryDriver.Scalar(App, "select nextval('{schema}.mt_events_sequence')");
        var inserted = await HistoryDriver.Household(App, village);
        var snapshot = await HistoryDriver.Household(App, village);
        var hidden = await HistoryDriver.Household(App, village);
        var untouched = await HistoryDriver.Household(App, village);
        // Another test of this host may have forged its own streams; these are this test's.
        Guid[] mine = [edited, backdated, deleted, cut, gone, reordered, inserted, snapshot, hidden, untouched];
        await HistoryDriver.Checkpoint(App);
        var clean = await HistoryDriver.Verification(App);
        clean["checkpoint"]!["rootMatches"]!.GetValue<bool>().ShouldBeTrue();
        HistoryDriver.Findings(clean).ShouldNotContain(f => mine.Any(id => f.Contains(id.ToString(), StringComparison.Ordinal)));

        var editedAt = await HistoryDriver.Sequence(App, edited, 2);
        await HistoryDriver.Sql(App, """update {schema}.mt_events set data = data || '{"forged": true}' where seq_id = @s""", ("s", editedAt));
        var backdatedAt = await HistoryDriver.Sequence(App, backdated, 2);
        await HistoryDriver.Sql(App, "update {schema}.mt_events set timestamp = timestamp - interval '30 days' where seq_id = @s", ("s", backdatedAt));
        var deletedAt = await HistoryDriver.Sequence(App, deleted, 2);
        await HistoryDriver.Sql(App, "delete from {schema}.mt_events where seq_id = @s", ("s", deletedAt));
        var cutAt = await HistoryDriver.Sequence(App, cut, 3);
        await HistoryDriver.Sql(App, "delete from {schema}.mt_events where seq_id = @s; update {schema}.mt_streams set version = 2 where id = @id",
            ("s", cutAt), ("id", cut));
        var goneAt = await HistoryDriver.Sequence(App, gone, 1);
        await HistoryDriver.Sql(App, "delete from {schema}.mt_streams where id = @id; delete from {schema}.mt_doc_householdsnapshot where id = @id; delete from {schema}.mt_doc_householddetails where id = @id", ("id", gone));
        var (second, third) = (await HistoryDriver.Sequence(App, reordered, 2), await HistoryDriver.Sequence(App, reordered, 3));
        await HistoryDriver.Sql(App, """
            update {schema}.mt_events set seq_id = -1 where seq_id = @a;
            update {schema}.mt_events set seq_id = @a where seq_id = @b;
            update {schema}.mt_events set seq_id = @b where seq_id = -1;
            """, ("a", second), ("b", third));
        await HistoryDriver.Sql(App, """
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id, user_name)
            select @gap, gen_random_uuid(), stream_id, 4, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id, user_name
            from {schema}.mt_events where stream_id = @id and version = 3;
            update {schema}.mt_streams set version = 4 where id = @id;
            """, ("gap", gap), ("id", inserted));
        await HistoryDriver.Sql(App, """update {schema}.mt_doc_householddetails set data = jsonb_set(data, '{state,groupName}', '"二组"') where id = @id""",
            ("id", snapshot));
        // Marked archived, an event drops out of every fold and history while its row, and so its leaf, stays as it was.
        var hiddenAt = await HistoryDriver.Sequence(App, hidden, 2);
        await HistoryDriver.Sql(App, "update {schema}.mt_events set is_archived = true where seq_id = @s", ("s", hiddenAt));

        var run = await HistoryDriver.Verification(App);
        run["valid"]!.GetValue<bool>().ShouldBeFalse();
        run["checkpoint"]!["rootMatches"]!.GetValue<bool>().ShouldBeTrue("the leaves themselves were not touched");
        var findings = run["findings"]!.AsArray().Where(f => f!["streamId"]?.GetValue<Guid>() is { } id && mine.Contains(id))
            .Select(f => $"{f!["kind"]!.GetValue<string>()} {f["sequence"]?.GetValue<long>()} {f["streamId"]?.GetValue<Guid>()}").Order().ToList();
        findings.ShouldBe(new[]
        {
            $"backdated {backdatedAt} {backdated}",
            $"deleted {deletedAt} {deleted}",
            $"edited {editedAt} {edited}",
            $"inserted {gap} {inserted}",
            $"reordered {second} {reordered}",
            $"reordered {third} {reordered}",
            $"snapshot-mismatch  {snapshot}",
            // A snapshot folded from the events before their order changed or their tail went no longer matches either.
            $"snapshot-mismatch  {cut}",
            $"snapshot-mismatch  {reordered}",
            $"stream-deleted {goneAt} {gone}",
            $"tail-cut {cutAt} {cut}",
            $"archived {hiddenAt} {hidden}",
        }.Order().ToList(), run.ToJsonString());
        findings.ShouldNotContain(f => f.Contains(untouched.ToString()));

        // The hash chain cannot see a shifted timestamp; the stream's leaves against the checkpoint do.
        var inspector = HistoryDriver.Inspector(App);
        var stream = await (await inspector.GetAsync($"/api/audit/verify?stream={backdated}")).ShouldBe(HttpStatusCode.OK);
        stream["firstBrokenLink"].ShouldBeNull();
        stream["valid"]!.GetValue<bool>().ShouldBeFalse();
        HistoryDriver.Findings(stream).ShouldBe([$"backdated {backdated}"]);
        HistoryDriver.Findings(await (await inspector.GetAsync($"/api/audit/verify?household={edited}")).Json()).ShouldBe([$"edited {edited}"]);
        (await (await inspector.GetAsync($"/api/audit/verify?stream={untouched}")).Json())["valid"]!.GetValue<bool>().ShouldBeTrue();
        HistoryDriver.Findings(await (await inspector.GetAsync($"/api/audit/verify?stream={hidden}")).Json()).ShouldContain($"archived {hidden}");
        // The history shows every event of the stream, archived or not.
        var history = await (await App.Client(Registry.Domain.Access.Role.VillageClerk, village).GetAsync($"/api/households/{hidden}/history")).Json();
        history.AsArray().Select(e => e!["sequence"]!.GetValue<long>()).ShouldContain(hiddenAt);
    }

    [Fact]
    public async Task The_verifier_finds_an_edited_event_in_the_database_without_the_service()
    {
        var (_, village) = await App.NewVillage();
        var gap = await HistoryDriver.Scalar(App, "select nextval('{schema}.mt_events_sequence')");
        var household = await HistoryDriver.Household(App, village);
        var checkpoint = await HistoryDriver.Checkpoint(App);
        var work = Directory.CreateTempSubdirectory("registry-verifier-").FullName;
        try
        {
            var checkpointFile = Path.Combine(work, "checkpoint.json");
            await File.WriteAllTextAsync(checkpointFile, checkpoint.ToJsonString());
            var keyFile = Path.Combine(work, "key.pem");
            var keys = await (await HistoryDriver.Inspector(App).GetAsync("/api/audit/keys")).Json();
            await File.WriteAllTextAsync(keyFile, keys["keys"]![0]!["publicKey"]!.GetValue<string>());
            var at = await HistoryDriver.Sequence(App, household, 2);
            await HistoryDriver.Sql(App, """update {schema}.mt_events set data = data || '{"forged": true}' where seq_id = @s""", ("s", at));
            // A row put into a gap among leafed ones, and a row marked archived: no leaf accounts for either.
            await HistoryDriver.Sql(App, """
                insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id, user_name)
                select @gap, gen_random_uuid(), stream_id, 9, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id, user_name
                from {schema}.mt_events where stream_id = @id and version = 3;
                """, ("gap", gap), ("id", household));
            var archived = await HistoryDriver.Sequence(App, household, 3);
            await HistoryDriver.Sql(App, "update {schema}.mt_events set is_archived = true where seq_id = @s", ("s", archived));

            var output = new StringWriter();
            var code = await Verifier.VerifierCommand.Run(["verify", "--checkpoint", checkpointFile, "--key", keyFile,
                "--database", await TestDatabase.ConnectionString(), "--schema", App.Schema], output, CancellationToken.None);
            code.ShouldBe(1, output.ToString());
            output.ToString().ShouldContain($"sequence {at} (stream {household} version 2) no longer matches the leaf stored for it");
            output.ToString().ShouldContain("ROOT DIFFERS FROM THE EVENTS");
            output.ToString().ShouldContain($"sequence {gap} (stream {household}): a row without a leaf among leafed ones");
            output.ToString().ShouldContain($"sequence {archived} (stream {household}): marked archived");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
