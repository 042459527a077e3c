using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Ledger;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Audit.History;

/// <summary>RFC 9162 consistency proof between the trees of <see cref="From"/> and <see cref="To"/> leaves, with both roots.</summary>
public sealed record ConsistencyProof(long From, long To, IReadOnlyList<byte[]> Proof, byte[] FromRoot, byte[] ToRoot);

public static class ConsistencyProofEndpoint
{
    [WolverineGet("/api/audit/proofs/consistency", OperationId = "getConsistencyProof", Summary = "Proof that a tree only grew (一致性证明)", Description = "The proof that the tree of size to extends the tree of size from without changing it, to check two checkpoints' roots against each other (RFC 9162).")]
    [Param("from", ParamShape.Whole, "The earlier tree's size.", Required = true, Example = "1000")]
    [Param("to", ParamShape.Whole, "The later tree's size.", Required = true, Example = "2000")]
    [ProducesResponseType(typeof(ConsistencyProof), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? from, string? to, HttpContext http, IDocumentStore store, Tenancy.Districts districts)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadAudit);
        var ct = http.RequestAborted;
        var first = Query.Positive("from", from, "query.from.invalid")
            ?? throw DomainRefusal.Invalid("from", "query.from.required", "from is the smaller tree size.");
        var second = Query.Positive("to", to, "query.to.invalid")
            ?? throw DomainRefusal.Invalid("to", "query.to.required", "to is the larger tree size.");
        await using var head = await LeafHead.Open(store, districts.TenantOf(actor), ct);
        head.Within("from", first);
        head.Within("to", second);
        if (first > second) throw DomainRefusal.Invalid("from", "audit.consistency.from-after-to", "from is a tree size no larger than to.");
        var leaves = await head.Hashes(second, ct);
        return Results.Ok(new ConsistencyProof(first, second, MerkleTree.ConsistencyProof(leaves.Span, first, second), leaves.Root(first), leaves.Root(second)));
    }
}
