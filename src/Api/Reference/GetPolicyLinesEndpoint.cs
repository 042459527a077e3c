using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Projections.Org;
using Registry.Projections.Policy;
using Wolverine.Http;

namespace Registry.Api.Reference;

/// <summary>The lines a unit set itself, at its stream's version (0 before any), and those in effect for it, year by year.</summary>
public sealed record UnitLines(string UnitCode, long Version, IReadOnlyList<PolicyLine> Lines, IReadOnlyList<EffectiveLine> Effective);

public static class GetPolicyLinesEndpoint
{
    [WolverineGet("/api/org-units/{code}/policy-lines", OperationId = "getPolicyLines", Summary = "A unit's poverty and monitoring lines (贫困线、监测线)", Description = "The lines the unit set itself, with its lines' stream version (the ETag, to send as If-Match when setting one), and the lines in effect for it by year, each with the unit it comes from.")]
    [ProducesResponseType<UnitLines>(StatusCodes.Status200OK)]
    [AnswersVersion]
    public static async Task<IResult> Get(string code, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        if (!OrgCode.IsWellFormed(code)) throw DomainRefusal.NotFound("org.not-found", "No unit with this code.");
        actor.RequireSightOf(code);
        var ct = http.RequestAborted;
        if (await session.LoadAsync<OrgUnit>(code, ct) is null) throw DomainRefusal.NotFound("org.not-found", $"No unit {code}.");
        var chain = await PolicyLines.Chain(session, code, ct);
        var own = chain[0];
        var version = own?.Version ?? 0;
        http.Response.Headers.ETag = $"\"{version}\"";
        return Results.Ok(new UnitLines(code, version, own?.State.Lines.Values.ToList() ?? [], PolicyLines.Effective(chain)));
    }
}
