using System.Net;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.History;

/// <summary>A host of its own: the leaves it rewrites would stop every later checkpoint of a shared one.</summary>
[CollectionDefinition(Name)]
public sealed class RewrittenLeavesCollection : ICollectionFixture<TamperFixture>
{
    public const string Name = "rewritten-leaves";
}

/// <summary>Forgeries that rewrite the stored leaves themselves, or cut them off with the log's tail.</summary>
[Collection(RewrittenLeavesCollection.Name)]
public sealed class RewrittenLeavesTests(TamperFixture fixture)
{
    private AppFixture App => fixture.App;

    [Fact]
    public async Task Leaves_rewritten_to_match_a_forgery_or_cut_off_with_the_log_s_tail_break_the_signed_root()
    {
        var (_, village) = await App.NewVillage();
        var household = await HistoryDriver.Household(App, village);
        var checkpoint = await HistoryDriver.Checkpoint(App);
        var size = checkpoint["treeSize"]!.GetValue<long>();

        // A forger who edits an event and writes its new leaf hash too leaves nothing per event to find, but the root moves.
        var at = await HistoryDriver.Sequence(App, household, 3);
        await HistoryDriver.Sql(App, """update {schema}.mt_events set data = data || '{"forged": true}' where seq_id = @s""", ("s", at));
        await HistoryDriver.Sql(App, "update {schema}.audit_leaves set leaf_hash = sha256(leaf_hash) where seq_id = @s", ("s", at));
        var rewritten = await HistoryDriver.Verification(App);
        HistoryDriver.Findings(rewritten).ShouldContain("leaves-altered -");
        rewritten["checkpoint"]!["rootMatches"]!.GetValue<bool>().ShouldBeFalse();
        // Nor does the service sign over them: a new checkpoint would vouch for the forgery.
        await (await HistoryDriver.Inspector(App).PostAsync("/api/audit/checkpoints", null))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "audit.log.inconsistent");
        (await (await HistoryDriver.Inspector(App).GetAsync("/api/audit/checkpoints/latest")).Json())["treeSize"]!.GetValue<long>().ShouldBe(size);

        // The log's last events deleted with their leaves: the checkpoint still counts them.
        await HistoryDriver.Sql(App, "delete from {schema}.mt_events where seq_id in (select seq_id from {schema}.audit_leaves where leaf_index >= @n - 2); " +
            "delete from {schema}.audit_leaves where leaf_index >= @n - 2", ("n", size));
        var truncated = await HistoryDriver.Verification(App);
        HistoryDriver.Findings(truncated).ShouldContain("log-truncated -");

        // A checkpoint forged in the database to fit does not verify with the key it names.
        await HistoryDriver.Sql(App, "update {schema}.mt_doc_checkpointrecord set data = jsonb_set(data, '{treeSize}', to_jsonb(@n - 2))", ("n", size));
        HistoryDriver.Findings(await HistoryDriver.Verification(App)).ShouldContain("checkpoint-invalid -");

        // A latest checkpoint signed with a key the service is not given (a rotation without the old public key) is a
        // configuration to mend, answered as such rather than as changed leaves.
        await HistoryDriver.Sql(App, "update {schema}.mt_doc_checkpointrecord set data = jsonb_set(data, '{keyId}', '\"retired-key\"')");
        await (await HistoryDriver.Inspector(App).PostAsync("/api/audit/checkpoints", null))
            .ShouldBe(HttpStatusCode.ServiceUnavailable, "audit.checkpoint-key.unknown");
    }
}
