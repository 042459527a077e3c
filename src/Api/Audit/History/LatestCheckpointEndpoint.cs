using Marten;
using Registry.Api.Infrastructure.Contract;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Ledger;
using Wolverine.Http;

namespace Registry.Api.Audit.History;

public static class LatestCheckpointEndpoint
{
    [WolverineGet("/api/audit/checkpoints/latest", OperationId = "getLatestCheckpoint", Summary = "The latest signed checkpoint (最新检查点)", Description = "The latest signed checkpoint: tree size, root hash, issue time, key id and signature.")]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(SignedCheckpoint), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, Tenancy.Districts districts)
    {
        Actor.From(http.User).Require(Permission.ReadAudit);
        var latest = await CheckpointIssuer.Latest(store, districts.TenantOf(Actor.From(http.User)), http.RequestAborted)
            ?? throw DomainRefusal.NotFound("audit.checkpoint.none", "No checkpoint has been issued yet.");
        return Results.Ok(latest.Signed);
    }
}
