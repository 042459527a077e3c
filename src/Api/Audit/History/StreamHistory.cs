using Marten;
using Registry.Ledger;
using Registry.Projections.Audit;

namespace Registry.Api.Audit.History;

/// <summary>Some streams' events checked against their leaves, and the leaves against the latest checkpoint.</summary>
public static class StreamHistory
{
    public static async Task<(CheckpointCheck? Checkpoint, LogAudit Audit)> Check(IDocumentStore store, string tenant, CheckpointKeyRing keys,
        IReadOnlyCollection<Guid> streamIds, CancellationToken ct)
    {
        await using var log = await LogReaders.Open(store, tenant, ct);
        var audit = new LogAudit();
        var checkpoint = await CheckpointCheck.Of(await CheckpointIssuer.Latest(store, tenant, ct), keys, log.Leaves, log.Schema, audit, ct);
        var covered = await LeafStore.LastLeafSequence(log.Leaves, log.Schema, ct);
        await audit.Compare(EventLog.ReadStreams(log.Events, log.Schema, streamIds, ct), LeafStore.Read(log.Leaves, log.Schema, streamIds, ct), null, ct,
            coveredThrough: covered);
        return (checkpoint, audit);
    }
}
