using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Monitoring;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

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
    string? AsOf = null, string? Page = null, string? PageSize = null, string? After = null);

/// <summary>
/// The risk-monitoring view: monitored households with risks, assistance count, last assessment, eliminated or not, and
/// overdue work: an open procedure's next step past its deadline in the campaign calendar, or a risk not reassessed by the
/// calendar's review phase.
/// </summary>
public static class MonitoringEndpoint
{
    [WolverineGet("/api/monitoring", OperationId = "listMonitoring", Summary = "Households under monitoring (监测对象)", Description = "Unstable exited and marginal households with their risks, whether the risk is eliminated and the work on them past its date by the campaign calendar; ?overdue=true keeps only those with overdue work. Paged by page number, or by cursor: send a page's next as after for the page that follows it.")]
    [Paged(Paging.MaxPageSize)]
    [Param("risk", typeof(RiskType), "Only households with this risk.")]
    [Param("eliminated", ParamShape.Boolean, "Only households whose risk is (true) or is not (false) eliminated.", Example = "false")]
    [Param("kind", typeof(MonitoringKind), "Only households under this kind of monitoring.", Example = "Marginal")]
    [Param("overdue", ParamShape.Boolean, "true: only households with work past its date by the campaign calendar; false: only those without.")]
    [Param("asOf", ParamShape.Date, "The date overdue work is judged on; today when absent.")]
    [ProducesResponseType<PageOf<MonitoredHousehold>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? risk, string? eliminated, string? kind, string? overdue, string? asOf, string? page,
        string? pageSize, string? after, HttpContext http, IQuerySession session, TimeProvider clock)
    {
        return Results.Ok(await Find(Actor.From(http.User), new MonitoringQuery(org, risk, eliminated, kind, overdue, asOf, page, pageSize, after), session,
            clock, http.RequestAborted));
    }

    /// <summary>The monitored households a reader may see, filtered and paged: for this route and for the console.</summary>
    public static async Task<PageOf<MonitoredHousehold>> Find(Actor actor, MonitoringQuery ask, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, ask.Org);
        var (pageNumber, size) = Paging.Parse(ask.Page, ask.PageSize, Paging.MaxPageSize);
        var on = Query.Date("asOf", ask.AsOf, "query.as-of.invalid") ?? RegistryCalendar.Today(clock.GetUtcNow());
        // Only monitored rows carry a code in this column: the range is the view's rows and nothing else.
        var query = session.Query<MonitoringRow>().InUnit(m => m.MonitoredVillageCode!, prefix);
        var narrowed = false;
        var kinds = default(string[]);
        if (Query.Enum<RiskType>("risk", ask.Risk) is { } r) (query, narrowed) = (query.Where(m => m.Risks.Contains(r)), true);
        if (Query.Enum<MonitoringKind>("kind", ask.Kind) is { } k) (query, kinds) = (query.Where(m => m.Kind == k), [k.ToString()]);
        if (Query.Boolean("eliminated", ask.Eliminated) is { } flag) (query, narrowed) = (query.Where(m => m.Eliminated == flag), true);
        if (Query.Boolean("overdue", ask.Overdue) is { } late)
        {
            narrowed = true;
            // Each row keeps the date its open procedures' next steps fall due; only the day asked about is compared here.
            var cutoff = Domain.Campaigns.Overdue.RiskReviewCutoff(on)?.AssessedBefore ?? DateOnly.MinValue;
            query = late
                ? query.Where(m => m.StepsDueOn < on || (!m.Eliminated && (m.LastAssessedOn == null || m.LastAssessedOn < cutoff)))
                : query.Where(m => (m.StepsDueOn == null || m.StepsDueOn >= on) && (m.Eliminated || m.LastAssessedOn >= cutoff));
        }
        // The view's total by kind is kept as households are identified; a filter by risk, elimination or due date counts its rows.
        Func<Task<long>>? kept = narrowed ? null : () => MonitoringTotals.Table.Sum(session, Units.From(prefix), Units.To(prefix), kinds, ct);
        var ordered = (IQueryable<MonitoringRow> rows) => rows.OrderBy(m => m.MonitoredVillageCode).ThenBy(m => m.Id);
        var page = Keyset.Parse(ask.After, ask.Page, Keyset.UnitCode()) is { } from
            ? await Keyset.Page(query, ordered(query.After(m => m.MonitoredVillageCode!, m => m.Id, from.Key, from.Id)), size, ct, kept)
            : await PagedQuery.Page(query, ordered, pageNumber, size, ct, kept);
        return page.WithNext(m => Keyset.Cursor(m.VillageCode, m.Id)).Select(m => new MonitoredHousehold(m, [
            .. m.Open.Select(p => Domain.Campaigns.Overdue.Step(p.ProcedureId, p.Kind, p.NextStep, p.StartedOn, on)).OfType<OverdueWork>(),
            .. Domain.Campaigns.Overdue.RiskReview(m.IsMonitored, m.Eliminated, m.LastAssessedOn, on) is { } review ? [review] : Array.Empty<OverdueWork>(),
        ]));
    }
}
