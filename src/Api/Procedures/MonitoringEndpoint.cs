using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Monitoring;
using Wolverine.Http;

namespace Registry.Api.Procedures;

/// <summary>The risk-monitoring view: monitored households with risks, assistance count, last assessment, eliminated or not.</summary>
public static class MonitoringEndpoint
{
    [WolverineGet("/api/monitoring", OperationId = "listMonitoring", Summary = "Households under monitoring (监测对象)", Description = "Unstable exited and marginal households with their risks and whether the risk is eliminated, paged.")]
    [ProducesResponseType<PageOf<MonitoringRow>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? risk, string? eliminated, string? kind, string? page, string? pageSize, HttpContext http,
        IQuerySession session)
    {
        return Results.Ok(await Find(Actor.From(http.User), org, risk, eliminated, kind, page, pageSize, session, http.RequestAborted));
    }

    /// <summary>The monitored households a reader may see, filtered and paged: for this route and for the console.</summary>
    public static async Task<PageOf<MonitoringRow>> Find(Actor actor, string? org, string? risk, string? eliminated, string? kind, string? page,
        string? pageSize, IQuerySession session, CancellationToken ct)
    {
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var (pageNumber, size) = Paging.Parse(page, pageSize, 500);
        var query = session.Query<MonitoringRow>().Where(m => m.VillageCode.StartsWith(prefix) && m.Kind != MonitoringKind.None);
        if (Query.Enum<RiskType>("risk", risk) is { } r) query = query.Where(m => m.Risks.Contains(r));
        if (Query.Enum<MonitoringKind>("kind", kind) is { } k) query = query.Where(m => m.Kind == k);
        if (!string.IsNullOrEmpty(eliminated))
        {
            var flag = eliminated switch
            {
                "true" => true,
                "false" => false,
                _ => throw DomainRefusal.Invalid("eliminated", "query.boolean.invalid", "eliminated is true or false."),
            };
            query = query.Where(m => m.Eliminated == flag);
        }
        return await PagedQuery.Page(query, q => q.OrderBy(m => m.VillageCode).ThenBy(m => m.Id), pageNumber, size, ct);
    }
}
