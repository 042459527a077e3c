using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections.Org;
using Wolverine.Http;

namespace Registry.Api.Reference;

public sealed record OrgUnitView(string Code, string Name, Domain.Org.OrgKind Kind, string? ParentCode, bool IsPoorVillage, IReadOnlyList<OrgUnitView> Children);

public static class GetOrgUnitEndpoint
{
    [WolverineGet("/api/org-units/{code}", OperationId = "getOrgUnit", Summary = "A unit and its children (单位)", Description = "A unit with its kind, parent and children.")]
    [ProducesResponseType<OrgUnitView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string code, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        if (!Domain.Org.OrgCode.IsWellFormed(code)) throw DomainRefusal.NotFound("org.not-found", "No unit with this code.");
        // A user sees their own unit, its ancestors' names, and everything below it; whether another unit exists is not told.
        actor.RequireSightOf(code);
        var unit = await session.LoadAsync<OrgUnit>(code, http.RequestAborted)
            ?? throw DomainRefusal.NotFound("org.not-found", $"No unit {code}.");
        var children = await session.Query<OrgUnit>().Where(u => u.ParentCode == code).OrderBy(u => u.Id).ToListAsync(http.RequestAborted);
        var visible = actor.Covers(code) ? children : children.Where(c => Domain.Org.OrgCode.Contains(c.Id, actor.Org)).ToList();
        return Results.Ok(new OrgUnitView(unit.Id, unit.Name, unit.Kind, unit.ParentCode, unit.IsPoorVillage,
            visible.Select(c => new OrgUnitView(c.Id, c.Name, c.Kind, c.ParentCode, c.IsPoorVillage, [])).ToList()));
    }
}
