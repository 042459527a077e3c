using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Ledger;
using Wolverine.Http;

namespace Registry.Api.Audit.History;

public static class IssueCheckpointEndpoint
{
    [WolverinePost("/api/audit/checkpoints", OperationId = "issueCheckpoint", Summary = "Issue a signed checkpoint now (签名检查点)")]
    [ProducesResponseType(typeof(SignedCheckpoint), StatusCodes.Status201Created)]
    public static async Task<IResult> Post(HttpContext http, CheckpointIssuer issuer)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.AnchorHistory);
        try
        {
            var checkpoint = await issuer.Issue(actor.UserId, onlyIfGrown: false, http.RequestAborted);
            return Results.Created("/api/audit/checkpoints/latest", checkpoint);
        }
        catch (CheckpointUnavailable e)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, e.Code, e.Message);
        }
    }
}
