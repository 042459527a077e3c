using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;

namespace Registry.Api.Bulk;

public static class GetExportEndpoint
{
    [WolverineGet("/api/exports/{id}", OperationId = "getExport", Summary = "A background export and its progress (导出进度)", Description = "The export's status, how many of the unit's households it has written so far, and once completed where its file is downloaded. Only the user who started it sees it.")]
    [ProducesResponseType<ExportJob>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, TimeProvider clock) =>
        Results.Ok((await Own(id, Actor.From(http.User), session, http.RequestAborted)).AsOf(clock.GetUtcNow()));

    /// <summary>
    /// The job if the reader started it and still sees what it wrote (a file written with ID numbers whole is not for the same
    /// user acting in a role that sees them masked); anyone else's answers as an unknown one.
    /// </summary>
    public static async Task<ExportJob> Own(Guid id, Actor actor, IQuerySession session, CancellationToken ct)
    {
        actor.Require(Permission.ReadRegistry);
        var job = await session.LoadAsync<ExportJob>(id, ct);
        return job is not null && job.RequestedBy == actor.UserId && actor.Covers(job.Org) && SeesAsWritten(job, actor)
            ? job
            : throw Domain.Common.DomainRefusal.NotFound("export.not-found", "No such export.");
    }

    private static bool SeesAsWritten(ExportJob job, Actor reader) =>
        job.Requester is not { } requester || reader.ReadsIdNumbers
        || !requester.ReadsIdNumbers;
}
