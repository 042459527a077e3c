using Npgsql;
using Registry.Ledger;
using Registry.Projections.Audit;

namespace Registry.Api.Audit.History;

/// <summary>How the stored leaves stand against the latest checkpoint: its signature, and the root of its first leaves.</summary>
public sealed record CheckpointCheck(long TreeSize, DateTimeOffset IssuedAt, string KeyId, bool SignatureValid, bool RootMatches)
{
    public bool Holds => SignatureValid && RootMatches;

    /// <summary>Checks the checkpoint's signature and the root of the stored leaves; findings go to <paramref name="audit"/>.</summary>
    public static async Task<CheckpointCheck?> Of(CheckpointRecord? latest, CheckpointKeyRing keys, NpgsqlConnection connection, string schema,
        LogAudit audit, CancellationToken ct)
    {
        if (latest is null) return null;
        var signed = Signed(latest, keys.PublicKey(latest.KeyId));
        if (!signed)
            audit.Add(new Finding(null, null, FindingKind.CheckpointInvalid,
                $"The checkpoint of {latest.TreeSize} leaves issued {latest.IssuedAt:O} does not verify with key {latest.KeyId}."));
        var leaves = await LeafStore.Hashes(connection, schema, latest.TreeSize, ct);
        var matches = Checkpoints.RootHeld(latest.Signed, leaves);
        if (leaves.Count < latest.TreeSize)
            audit.Add(new Finding(leaves.Count, null, FindingKind.LogTruncated,
                $"The checkpoint covers {latest.TreeSize} leaves; {leaves.Count} are left."));
        else if (!matches)
            audit.Add(new Finding(null, null, FindingKind.LeavesAltered,
                $"The root of the first {latest.TreeSize} stored leaves differs from the checkpoint's: leaves were changed, inserted or removed."));
        return new CheckpointCheck(latest.TreeSize, latest.IssuedAt, latest.KeyId, signed, matches);
    }

    /// <summary>Whether a checkpoint verifies with the public key it names (none when that key is not configured).</summary>
    public static bool Signed(CheckpointRecord checkpoint, System.Security.Cryptography.ECDsa? key) =>
        key is not null && Checkpoints.Verify(checkpoint.Signed, key);
}
