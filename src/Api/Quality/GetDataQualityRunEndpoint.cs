using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;

namespace Registry.Api.Quality;

public static class GetDataQualityRunEndpoint
{
    [WolverineGet("/api/data-quality/runs/{id}", OperationId = "getDataQualityRun", Summary = "A cleaning run and its progress (清洗进度)", Description = "The run's status, how many of the unit's households it has checked so far, and what it found and opened or closed.")]
    [ProducesResponseType<DataQualityRun>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var run = await session.LoadAsync<DataQualityRun>(id, http.RequestAborted);
        return Results.Ok(actor.Visible(run, r => r.Org, "data-quality.run.not-found", "No such cleaning run."));
    }
}
