using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Monitoring;
using Registry.Projections.Procedures;
using Wolverine.Http;

namespace Registry.Api.Procedures;

/// <summary>A monitored household as the view shows it, with the work on it that is past its date by the campaign calendar.</summary>
public sealed record MonitoredHousehold : MonitoringRow
{
    public MonitoredHousehold(MonitoringRow row, IReadOnlyList<OverdueWork> overdueWork) : base(row) => OverdueWork = overdueWork;

    public bool Overdue => OverdueWork.Count > 0;

    public IReadOnlyList<OverdueWork> OverdueWork { get; init; }
}

/// <summary>What the monitoring view is asked for; every part optional.</summary>
public sealed record MonitoringQuery(string? Org, string? Risk = null, string? Eliminated = null, string? Kind = null, string? Overdue = null,
    string? AsOf = null, string? Page = null, string? PageSize = null);

/// <summary>
/// The risk-monitoring view: monitored households with risks, assistance count, last assessment, eliminated or not, and
/// overdue work: an open procedure's next step past its deadline in the campaign calendar, or a risk not reassessed by the
/// calendar's review phase.
/// </summary>
public static class MonitoringEndpoint
{
    [WolverineGet("/api/monitoring", OperationId = "listMonitoring", Summary = "Households under monitoring (监测对象)", Description = "Unstable exited and marginal households with their risks, whether the risk is eliminated and the work on them past its date by the campaign calendar, paged; ?overdue=true keeps only those with overdue work.")]
    [ProducesResponseType<PageOf<MonitoredHousehold>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? risk, string? eliminated, string? kind, string? overdue, string? asOf, string? page,
        string? pageSize, HttpContext http, IQuerySession session, TimeProvider clock)
    {
        return Results.Ok(await Find(Actor.From(http.User), new MonitoringQuery(org, risk, eliminated, kind, overdue, asOf, page, pageSize), session, clock,
            http.RequestAborted));
    }

    /// <summary>The monitored households a reader may see, filtered and paged: for this route and for the console.</summary>
    public static async Task<PageOf<MonitoredHousehold>> Find(Actor actor, MonitoringQuery ask, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, ask.Org);
        var (pageNumber, size) = Paging.Parse(ask.Page, ask.PageSize, 500);
        var on = Query.Date("asOf", ask.AsOf, "query.as-of.invalid") ?? RegistryCalendar.Today(clock.GetUtcNow());
        var query = session.Query<MonitoringRow>().InUnit(m => m.VillageCode, prefix).Where(m => m.Kind != MonitoringKind.None);
        if (Query.Enum<RiskType>("risk", ask.Risk) is { } r) query = query.Where(m => m.Risks.Contains(r));
        if (Query.Enum<MonitoringKind>("kind", ask.Kind) is { } k) query = query.Where(m => m.Kind == k);
        if (Query.Boolean("eliminated", ask.Eliminated) is { } flag) query = query.Where(m => m.Eliminated == flag);
        if (Query.Boolean("overdue", ask.Overdue) is { } late)
        {
            var queues = await session.Query<ProcedureQueue>().InUnit(q => q.VillageCode, prefix).Where(q => q.HasOpen).ToListAsync(ct);
            var stepsLate = queues.Where(q => StepsOverdue(q, on).Count > 0).Select(q => q.Id).ToArray();
            var cutoff = Domain.Campaigns.Overdue.RiskReviewCutoff(on)?.AssessedBefore ?? DateOnly.MinValue;
            query = late
                ? query.Where(m => stepsLate.Contains(m.Id) || (!m.Eliminated && (m.LastAssessedOn == null || m.LastAssessedOn < cutoff)))
                : query.Where(m => !stepsLate.Contains(m.Id) && (m.Eliminated || m.LastAssessedOn >= cutoff));
        }
        var rows = await PagedQuery.Page(query, q => q.OrderBy(m => m.VillageCode).ThenBy(m => m.Id), pageNumber, size, ct);
        var open = (await session.LoadManyAsync<ProcedureQueue>(ct, rows.Items.Select(m => m.Id))).ToDictionary(q => q.Id);
        return rows.Select(m => new MonitoredHousehold(m, [
            .. open.TryGetValue(m.Id, out var queue) ? StepsOverdue(queue, on) : [],
            .. Domain.Campaigns.Overdue.RiskReview(m.IsMonitored, m.Eliminated, m.LastAssessedOn, on) is { } review ? [review] : Array.Empty<OverdueWork>(),
        ]));
    }

    private static List<OverdueWork> StepsOverdue(ProcedureQueue queue, DateOnly on) =>
        queue.Open.Select(p => Domain.Campaigns.Overdue.Step(p.ProcedureId, p.Kind, p.NextStep, p.StartedOn, on)).OfType<OverdueWork>().ToList();
}
