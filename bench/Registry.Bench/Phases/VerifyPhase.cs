using System.Diagnostics;
using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Registry.Api.Audit.History;
using Registry.Bench.Infrastructure;
using Registry.Ledger;
using Registry.Projections;
using Registry.Projections.Audit;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// With the API stopped and the store filled: every event made a Merkle leaf, a checkpoint signed over them, then the
/// whole-store verification (every event against its leaf, the root against the checkpoint, every household snapshot
/// against a fold of its events), timed against the 60-second target.
/// </summary>
public static class VerifyPhase
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(60);

    public static async Task Run(string db, BenchOptions options, Report report)
    {
        using var store = StoreFill.Open(db);
        await StoreFill.To(store, db, options.RebuildEvents, "verify");
        var events = await BenchDatabase.Scalar(db, $"select count(*) from {RegistryStore.DefaultSchema}.mt_events");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var audit = Options.Create(new AuditOptions { CheckpointKey = key.ExportPkcs8PrivateKeyPem() });
        using var keys = new CheckpointKeyRing(audit);
        var schema = RegistryStore.DefaultSchema;

        Console.WriteLine("verify: leaves");
        var clock = Stopwatch.StartNew();
        var lastSequence = await BenchDatabase.Scalar(db, $"select coalesce(max(seq_id), 0) from {schema}.mt_events");
        var size = await LeafStore.CatchUp(store.Storage.Database, schema, lastSequence, CancellationToken.None);
        var leavesTime = clock.Elapsed;

        clock.Restart();
        SignedCheckpoint checkpoint;
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            var leaves = await LeafStore.Hashes(connection, schema, size, CancellationToken.None);
            checkpoint = Checkpoints.Sign(keys.Signing!, size, leaves.Root(size), DateTimeOffset.UtcNow);
        }
        var rootTime = clock.Elapsed;
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession())
        {
            session.Store(new CheckpointRecord(Guid.CreateVersion7(), checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt, checkpoint.KeyId,
                checkpoint.Signature, "bench"));
            session.Store(new VerificationRun(id, VerificationStatus.Pending, "bench", "", DateTimeOffset.UtcNow, null, 0, 0, 0, 0, null, [], 0, null, null));
            await session.SaveChangesAsync();
        }

        Console.WriteLine("verify: whole store");
        clock.Restart();
        await new StoreVerifier(store, keys, TimeProvider.System, NullLogger<StoreVerifier>.Instance).Run(id, JasperFx.StorageConstants.DefaultTenantId, CancellationToken.None);
        var verifyTime = clock.Elapsed;
        VerificationRun run;
        await using (var query = store.QuerySession()) run = (await query.LoadAsync<VerificationRun>(id))!;

        var met = run.Valid == true && verifyTime < Target;
        report.Judge(new Target($"whole-store verification, untouched store of {events:N0} events", $"valid, under {Target.TotalSeconds:N0} s",
            $"{run.Status}, valid {run.Valid}, {run.Findings.Count} findings, {N(verifyTime.TotalSeconds, 1)} s", met));
        report.Section("Verifiable history", $"""
            The store held {events:N0} events ({run.SnapshotsChecked:N0} households). With the API stopped, every event was made a Merkle
            leaf (read, canonical leaf bytes, SHA-256, binary COPY into `audit_leaves`), the root of all {size:N0} leaves computed and
            signed (ECDSA P-256), then the whole-store verification run as `POST /api/audit/verifications` runs it: the checkpoint's
            signature and the root of the stored leaves, every event read again and its leaf recomputed and compared, and every
            household snapshot compared with a fold of its events.

            {Table(["step", "seconds", "events/s"],
            [
                ["leaves for every event (a checkpoint's first catch-up)", N(leavesTime.TotalSeconds, 1), N(events / leavesTime.TotalSeconds)],
                ["root of every leaf and its signature", N(rootTime.TotalSeconds, 1), N(events / rootTime.TotalSeconds)],
                [$"whole-store verification ({run.Status}, {run.Findings.Count} findings)", N(verifyTime.TotalSeconds, 1), N(events / verifyTime.TotalSeconds)],
            ])}
            """);
    }
}
