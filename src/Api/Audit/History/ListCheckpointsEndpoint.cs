using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Audit.History;

public static class ListCheckpointsEndpoint
{
    [WolverineGet("/api/audit/checkpoints", OperationId = "listCheckpoints", Summary = "Issued checkpoints, newest first (检查点列表)", Description = "The issued checkpoints, newest first, paged: tree size, root hash, issue time, key id and signature.")]
    [Paged(Paging.MaxPageSize)]
    [ProducesResponseType(typeof(PageOf<Registry.Ledger.SignedCheckpoint>), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? page, string? pageSize, HttpContext http, IQuerySession session)
    {
        Actor.From(http.User).Require(Permission.ReadAudit);
        var (pageNumber, size) = Paging.Parse(page, pageSize, Paging.MaxPageSize);
        var records = await PagedQuery.Page(session.Query<CheckpointRecord>(), q => q.OrderByDescending(c => c.IssuedAt), pageNumber, size,
            http.RequestAborted);
        return Results.Ok(records.Select(r => r.Signed));
    }
}
