using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Procedures;
using Registry.Projections.Procedures;
using Wolverine.Http;

namespace Registry.Api.Procedures;

public sealed record ProcedureWorkItem(Guid HouseholdId, string VillageCode, string HeadName, Guid ProcedureId, ProcedureKind Kind,
    int DefinitionVersion, DateOnly StartedOn, int StepsDone, string? NextStep, IReadOnlyCollection<Role> NextStepRoles, DateOnly LastStepOn);

/// <summary>Open procedures of a unit, oldest first: the work queue of whoever takes each next step.</summary>
public static class ListProceduresEndpoint
{
    [WolverineGet("/api/procedures", OperationId = "listProcedures", Summary = "Procedure work queue (程序待办)", Description = "Open procedures of a unit with the next step and the roles that may record it, paged.")]
    [ProducesResponseType<PageOf<ProcedureWorkItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? kind, string? step, string? page, string? pageSize, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var kindFilter = Query.Enum<ProcedureKind>("kind", kind);
        var stepFilter = Text.Clean(step);
        var (pageNumber, size) = Paging.Parse(page, pageSize, 500);

        var query = session.Query<ProcedureQueue>().InUnit(q => q.VillageCode, prefix).Where(q => q.HasOpen);
        if (kindFilter is { } k) query = query.Where(q => q.Kinds.Contains(k));
        if (stepFilter is not null) query = query.Where(q => q.NextSteps.Contains(stepFilter));
        var households = await query.ToListAsync(http.RequestAborted);
        var items = households
            .SelectMany(q => q.Open.Select(p => new ProcedureWorkItem(q.Id, q.VillageCode, q.HeadName, p.ProcedureId, p.Kind, p.DefinitionVersion,
                p.StartedOn, p.StepsDone, p.NextStep, p.NextLevel is { } level ? AccessPolicy.RolesAt(level) : [], p.LastStepOn)))
            .Where(i => (kindFilter is null || i.Kind == kindFilter) && (stepFilter is null || i.NextStep == stepFilter))
            .OrderBy(i => i.LastStepOn).ThenBy(i => i.ProcedureId)
            .ToList();
        return Results.Ok(new PageOf<ProcedureWorkItem>(items.Skip((pageNumber - 1) * size).Take(size).ToList(), pageNumber, size, items.Count));
    }
}
