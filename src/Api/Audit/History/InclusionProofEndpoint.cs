using Marten;
using Registry.Api.Infrastructure.Contract;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Ledger;
using Registry.Projections.Audit;
using Wolverine.Http;

namespace Registry.Api.Audit.History;

/// <summary>RFC 9162 inclusion proof; <see cref="RootHash"/> is the root the path leads to, for comparing with a checkpoint.</summary>
public sealed record InclusionProof(long Sequence, long LeafIndex, long TreeSize, byte[] LeafHash, IReadOnlyList<byte[]> AuditPath, byte[] RootHash);

public static class InclusionProofEndpoint
{
    [WolverineGet("/api/audit/proofs/inclusion", OperationId = "getInclusionProof", Summary = "Proof that an event is in a tree (包含证明)", Description = "The audit path that proves the event at a sequence is leaf of the tree of the given size, to check against a checkpoint's root (RFC 9162).")]
    [Param("sequence", ParamShape.Whole, "The event's sequence number in the log.", Required = true, Example = "42")]
    [Param("treeSize", ParamShape.Whole, "The size of the tree the proof is for; the latest checkpoint's when absent, or the whole log's when none was issued.", Example = "1000")]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(InclusionProof), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? sequence, string? treeSize, HttpContext http, IDocumentStore store, Tenancy.Districts districts)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadAudit);
        var ct = http.RequestAborted;
        var seq = Query.Positive("sequence", sequence, "query.sequence.invalid")
            ?? throw DomainRefusal.Invalid("sequence", "query.sequence.required", "sequence names the event, by its sequence number.");
        var asked = Query.Positive("treeSize", treeSize, "query.tree-size.invalid");
        await using var head = await LeafHead.Open(store, districts.TenantOf(actor), ct);
        var size = head.Within("treeSize", asked ?? (await CheckpointIssuer.Latest(store, districts.TenantOf(actor), ct))?.TreeSize ?? head.Size);
        var leaf = await LeafStore.OfSequence(head.Connection, head.Schema, seq, ct)
            ?? throw DomainRefusal.NotFound("audit.sequence.unknown", "No event with this sequence is a leaf of the tree yet.");
        if (leaf.Index >= size)
            throw DomainRefusal.Invalid("treeSize", "audit.sequence.outside-tree", $"The event is leaf {leaf.Index}, outside a tree of {size} leaves.");
        var leaves = await head.Hashes(size, ct);
        return Results.Ok(new InclusionProof(seq, leaf.Index, size, leaf.Hash, MerkleTree.InclusionProof(leaves.Span, leaf.Index, size), leaves.Root(size)));
    }
}
