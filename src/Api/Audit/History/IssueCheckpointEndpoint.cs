using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Ledger;
using Wolverine.Http;

namespace Registry.Api.Audit.History;

public static class IssueCheckpointEndpoint
{
    [WolverinePost("/api/audit/checkpoints", OperationId = "issueCheckpoint", Summary = "Issue a signed checkpoint now (签名检查点)", Description = "Signs the Merkle tree of every event committed so far with the checkpoint key and records the checkpoint (also written to the export folder when one is configured). For inspectors and the district.")]
    [ProducesResponseType(typeof(SignedCheckpoint), StatusCodes.Status201Created)]
    [UnversionedWrite]
    public static async Task<IResult> Post(HttpContext http, CheckpointIssuer issuer, Tenancy.Districts districts)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.AnchorHistory);
        var key = RequestContext.WriteHeaders(http);
        // Signing waits for the log to settle and may find it changed: a repeat answers the first checkpoint before any of that.
        if (key is not null && await ConcurrentWrites.FirstAnswer(http) is { } first) return first;
        try
        {
            // The answer is remembered in the checkpoint's own transaction; a repeat fails to commit on it and is answered the first answer.
            var checkpoint = await issuer.Issue(districts.TenantOf(actor), actor.UserId, onlyIfGrown: false, http.RequestAborted,
                key is null ? null : c => Answer(c).RememberedFor(http)!);
            return Answer(checkpoint!);
        }
        catch (CheckpointUnavailable e)
        {
            return Problems.Result(e.Status, e.Code, e.Message);
        }
    }

    private static WriteAnswer Answer(SignedCheckpoint checkpoint) =>
        new(StatusCodes.Status201Created, checkpoint, Version: null, Location: "/api/audit/checkpoints/latest");
}
