using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit.History;
using Registry.Api.Infrastructure.Contract;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Ledger;
using Registry.Projections.Audit;
using Registry.Projections.Households;
using Wolverine.Http;

namespace Registry.Api.Audit;

/// <summary>
/// One stream's history checked twice: its hash chain recomputed, and each event's Merkle leaf against the latest signed
/// checkpoint (an edited or backdated event is found even when its chain was hashed again).
/// </summary>
public sealed record StreamVerification(int CheckedStreams, int CheckedEvents, bool Valid, BrokenLink? FirstBrokenLink, IReadOnlyList<BrokenLink> BrokenStreams,
    CheckpointCheck? Checkpoint, IReadOnlyList<Finding> Findings, long Uncovered);

/// <summary>Verifies one stream of any kind (<c>?stream=</c>, or <c>?household=</c>), or every household of a unit (<c>?org=</c>).</summary>
public static class VerifyEndpoint
{
    public const int MaxHouseholds = 20_000;

    [WolverineGet("/api/audit/verify", OperationId = "verifyStream", Summary = "Verify a stream's history against the latest checkpoint (历史核验)", Description = "Checks every event of one stream of any kind (?stream=, or ?household=), or of every household of a unit (?org=), against the latest signed checkpoint and the hash chain: an edited or backdated event is found here; a cut tail or a deleted stream by the whole-store run.")]
    [Param("stream", ParamShape.Uuid, "The stream to verify, of any kind.")]
    [Param("household", ParamShape.Uuid, "The household to verify (the same as stream for a household).")]
    [Param("org", ParamShape.UnitCode, "Without stream or household: every household of this unit; the caller's unit when absent.")]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(StreamVerification), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? stream, string? household, string? org, HttpContext http, IDocumentStore store, IQuerySession session,
        CheckpointKeyRing keys)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadAudit);
        var ct = http.RequestAborted;
        IReadOnlyCollection<Guid> ids;
        if (Query.Id("stream", stream) is { } streamId)
        {
            actor.Visible(await StreamUnits.UnitOf(session, streamId, ct), unit => unit, "stream.not-found", "No stream with this id.");
            ids = [streamId];
        }
        else if (Query.Id("household", household) is { } id)
        {
            actor.Visible(await session.LoadAsync<HouseholdDetails>(id, ct), h => h.VillageCode, "household.not-found", "No household with this id.");
            ids = [id];
        }
        else
        {
            var prefix = Units.Prefix(actor, org);
            ids = await session.Query<HouseholdDetails>().InUnit(prefix).Select(h => h.Id).Take(MaxHouseholds + 1).ToListAsync(ct);
            if (ids.Count > MaxHouseholds)
                throw DomainRefusal.Invalid("org", "audit.verify.too-many", $"Verify at most {MaxHouseholds} households at once; choose a smaller unit.");
        }
        return Results.Ok(await Verify(store, session.TenantId, keys, ids, ct));
    }

    public static async Task<StreamVerification> Verify(IDocumentStore store, string tenant, CheckpointKeyRing keys, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var chains = await HashChainVerifier.Verify(store, tenant, ids, ct);
        var (checkpoint, audit) = await StreamHistory.Check(store, tenant, keys, ids, ct);
        return new StreamVerification(chains.CheckedStreams, chains.CheckedEvents, chains.Valid && audit.Findings.Count == 0, chains.FirstBrokenLink,
            chains.BrokenStreams, checkpoint, audit.Findings, audit.Uncovered);
    }
}
