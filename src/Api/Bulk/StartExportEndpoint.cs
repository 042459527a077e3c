using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Projections.Households;
using Registry.Api.Infrastructure.Writing;
using Wolverine.Http;

namespace Registry.Api.Bulk;

public sealed record StartExportRequest(string? Org, string? Format);

/// <summary>
/// Starts an export of a unit's roster in the background and answers at once: a district's file takes minutes to write,
/// never inside a request. The job's progress is at the Location, and its file is downloaded from there once completed.
/// </summary>
public static class StartExportEndpoint
{
    [WolverinePost("/api/exports", OperationId = "startExport", Summary = "Start a background export of a unit's households (后台导出花名册)", Description = "Writes every member of every household of a unit (a whole district too) to an xlsx or csv file in the background, with the same columns and masking as the export route. Answers 202 with the job; follow the Location for its progress (processed of total households) and, once completed, its download.")]
    [ProducesResponseType<ExportJob>(StatusCodes.Status202Accepted)]
    public static async Task<(WriteAnswer, RunExport)> Post(StartExportRequest request, HttpContext http, IDocumentSession session, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, request.Org);
        var format = SheetFormats.FromQuery(request.Format);
        var total = await session.Query<HouseholdDetails>().InUnit(prefix).CountAsync(http.RequestAborted);
        var job = new ExportJob(Guid.CreateVersion7(), prefix.PadRight(12, '0'), format, actor.UserId, ExportStatus.Pending, total, 0, clock.GetUtcNow())
        {
            Requester = actor,
            CorrelationId = RequestContext.CorrelationId(http),
        };
        session.Store(job);
        // Published through the outbox once the job is committed; a repeat with the request's Idempotency-Key answers this job.
        return (new WriteAnswer(StatusCodes.Status202Accepted, job, null, $"/api/exports/{job.Id}"), new RunExport(job.Id));
    }
}
