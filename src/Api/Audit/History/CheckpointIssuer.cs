using Marten;
using Microsoft.Extensions.Options;
using Registry.Ledger;
using Registry.Projections.Audit;

namespace Registry.Api.Audit.History;

/// <summary>
/// Why no checkpoint could be issued now: no key configured or the event log did not settle in time (503), or the stored leaves
/// no longer hold the latest checkpoint (422).
/// </summary>
public sealed class CheckpointUnavailable(string code, string message, int status = StatusCodes.Status503ServiceUnavailable) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}

/// <summary>Brings the leaves up to every event committed before the call, then signs the tree's root.</summary>
public sealed class CheckpointIssuer(IDocumentStore store, CheckpointKeyRing keys, IOptions<AuditOptions> options, TimeProvider clock,
    CheckpointExport export)
{
    /// <param name="alongside">A document committed with the checkpoint or not at all, such as the answer remembered under the
    /// request's Idempotency-Key: inserted, so that one already stored fails the commit and leaves no checkpoint.</param>
    /// <returns>The new checkpoint, or null when <paramref name="onlyIfGrown"/> and no event came since the latest.</returns>
    public async Task<SignedCheckpoint?> Issue(string tenant, string issuedBy, bool onlyIfGrown, CancellationToken ct,
        Func<SignedCheckpoint, object>? alongside = null)
    {
        var key = keys.Signing ?? throw new CheckpointUnavailable("audit.checkpoint-key.missing", "No checkpoint key is configured (Audit:CheckpointKey).");
        var database = await LeafStore.Database(store, tenant);
        var schema = LeafStore.Schema(store);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        var committed = await LeafStore.LastSequence(connection, schema, ct);
        var horizon = await Settled(connection, schema, committed, ct);
        var size = await LeafStore.CatchUp(database, schema, horizon, ct);
        var latest = await Latest(store, tenant, ct);
        if (onlyIfGrown && latest is not null && latest.TreeSize >= size) return null;
        // Another issuer (the schedule, another node) signed more leaves since this one caught up: sign that tree again.
        if (latest is not null && latest.TreeSize > size) size = latest.TreeSize;
        var leaves = await LeafStore.Hashes(connection, schema, size, ct);
        if (leaves.Count < size) throw Inconsistent(latest, $"{size} leaves are counted and {leaves.Count} are left");
        if (latest is not null) Extends(latest, leaves);
        var checkpoint = Checkpoints.Sign(key, size, leaves.Root(size), clock.GetUtcNow());
        await using (var session = store.LightweightSession(tenant))
        {
            session.Store(new CheckpointRecord(Guid.CreateVersion7(), checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt, checkpoint.KeyId,
                checkpoint.Signature, issuedBy));
            if (alongside is not null) session.Insert(alongside(checkpoint));
            await session.SaveChangesAsync(ct);
        }
        // Committed: the file is written whether or not the caller is still there.
        await export.Write(checkpoint, tenant, CancellationToken.None);
        return checkpoint;
    }

    /// <summary>A new checkpoint signs a tree that holds the latest one: signing leaves changed since would vouch for the change.</summary>
    private void Extends(CheckpointRecord latest, LeafBuffer leaves)
    {
        // A key the service does not know is a configuration to mend, not a sign of tampering.
        if (keys.PublicKey(latest.KeyId) is not { } key)
            throw new CheckpointUnavailable("audit.checkpoint-key.unknown",
                $"The latest checkpoint was signed with key {latest.KeyId}, which is not configured: add its public key to Audit:PublicKeys.");
        if (!CheckpointCheck.Signed(latest, key)) throw Inconsistent(latest, "its signature does not verify");
        if (!Checkpoints.RootHeld(latest.Signed, leaves)) throw Inconsistent(latest, "the root of its leaves differs");
    }

    private static CheckpointUnavailable Inconsistent(CheckpointRecord? latest, string why) => new("audit.log.inconsistent",
        (latest is null ? "The stored leaves" : $"The stored leaves no longer hold the latest checkpoint ({latest.TreeSize} leaves, issued {latest.IssuedAt:O})") +
        $": {why}; no checkpoint is issued over them. Run a whole-store verification to see what changed.", StatusCodes.Status422UnprocessableEntity);

    public static async Task<CheckpointRecord?> Latest(IDocumentStore store, string tenant, CancellationToken ct)
    {
        await using var query = store.QuerySession(tenant);
        return await query.Query<CheckpointRecord>().OrderByDescending(c => c.IssuedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Sequence numbers are taken before commit, so a later number can commit first; the async daemon's high-water mark is
    /// the point below which every number is committed or known lost. Waits for it to pass what was committed at the call.
    /// </summary>
    private async Task<long> Settled(Npgsql.NpgsqlConnection connection, string schema, long committed, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.SettleTimeout;
        while (true)
        {
            var mark = await LeafStore.HighWaterMark(connection, schema, ct);
            if (mark >= committed) return mark;
            if (clock.GetUtcNow() > deadline)
                throw new CheckpointUnavailable("audit.log.unsettled", "The event log did not settle in time; try again in a moment.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }
    }
}
