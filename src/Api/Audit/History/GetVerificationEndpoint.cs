using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Ledger;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Audit.History;

public static class GetVerificationEndpoint
{
    [WolverineGet("/api/audit/verifications/{id}", OperationId = "getVerification", Summary = "A whole-store verification's progress and findings (核验进度)", Description = "A whole-store verification's status, how many events it has checked and its findings (edited, deleted, inserted, reordered or backdated events, cut tails, deleted streams, snapshots that differ from their events).")]
    [Param("id", ParamShape.Uuid, "The verification's id, as its start answered.")]
    [ProducesResponseType(typeof(VerificationRun), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string id, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.AnchorHistory);
        var ct = http.RequestAborted;
        var runId = Guid.TryParse(id, out var parsed) ? parsed : throw DomainRefusal.Invalid("id", "query.id.invalid", "id is a UUID.");
        var run = await session.LoadAsync<VerificationRun>(runId, ct) ?? throw DomainRefusal.NotFound("audit.verification.not-found", "No verification with this id.");
        var findings = new List<Finding>(run.Findings.Count);
        foreach (var finding in run.Findings) findings.Add(await Shown(finding, actor, session, ct));
        return Results.Ok(run with { Findings = findings });
    }

    /// <summary>
    /// A finding about a stream outside the reader's unit keeps its sequence and kind but not the stream it names; nor does one
    /// whose detail names another such stream (an event moved from one stream's place to another's).
    /// </summary>
    private static async Task<Finding> Shown(Finding finding, Actor actor, IQuerySession session, CancellationToken ct)
    {
        if (finding.StreamId is not { } stream) return finding;
        var named = new Dictionary<Guid, bool>();
        foreach (var other in FindingStreams.NamedIn(finding, stream)) named[other] = await Visible(other);
        return FindingStreams.Redacted(finding, await Visible(stream), named);

        async Task<bool> Visible(Guid id) => await StreamUnits.UnitOf(session, id, ct) is { } unit
            ? actor.Covers(unit)
            : OrgCode.KindOf(actor.Org) == OrgKind.District;
    }
}
