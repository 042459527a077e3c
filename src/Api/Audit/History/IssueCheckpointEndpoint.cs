using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Ledger;
using Wolverine.Http;

namespace Registry.Api.Audit.History;

public static class IssueCheckpointEndpoint
{
    [WolverinePost("/api/audit/checkpoints", OperationId = "issueCheckpoint", Summary = "Issue a signed checkpoint now (签名检查点)", Description = "Signs the Merkle tree of every event committed so far with the checkpoint key and records the checkpoint (also written to the export folder when one is configured). For inspectors and the district.")]
    [ProducesResponseType(typeof(SignedCheckpoint), StatusCodes.Status201Created)]
    public static async Task<IResult> Post(HttpContext http, CheckpointIssuer issuer, Tenancy.Districts districts)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.AnchorHistory);
        try
        {
            var checkpoint = await issuer.Issue(districts.TenantOf(actor), actor.UserId, onlyIfGrown: false, http.RequestAborted);
            return Results.Created("/api/audit/checkpoints/latest", checkpoint);
        }
        catch (CheckpointUnavailable e)
        {
            return Problems.Result(e.Status, e.Code, e.Message);
        }
    }
}
