using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Projections.Quality;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Quality;

public sealed record ProblemItem(Guid Id, Guid HouseholdId, Guid? MemberId, string VillageCode, ProblemSource Source, string? Rule, int? RuleSetVersion,
    Severity Severity, string Description, ProblemStatus Status, DateOnly OpenedOn, string? OpenedBy, ProblemResolved? Resolution, string? ResolvedBy);

/// <summary>A unit's problem list (问题清单), by status, rule, source or household.</summary>
public static class ListProblemsEndpoint
{
    [WolverineGet("/api/problems", OperationId = "listProblems", Summary = "Problem data (问题数据)", Description = "Problem data of a unit with its source, rule, severity and state; paged by page number, or by cursor: send a page's next as after for the page that follows it.")]
    [Paged(Paging.MaxPageSize)]
    [Param("status", typeof(ProblemStatus), "Only problems in this state.")]
    [Param("rule", ParamShape.Text, "Only problems found by this rule, by its code (GET /api/data-quality/rules).", Example = "person.birth-date.mismatch")]
    [Param("source", typeof(ProblemSource), "Only problems from this source.")]
    [Param("household", ParamShape.Uuid, "Only this household's problems.")]
    [ProducesResponseType<PageOf<ProblemItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? status, string? rule, string? source, string? household, string? page, string? pageSize,
        string? after, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var (pageNumber, size) = Paging.Parse(page, pageSize, Paging.MaxPageSize);
        var query = session.Query<ProblemView>().InUnit(p => p.VillageCode, prefix);
        var byStatus = Query.Enum<ProblemStatus>("status", status);
        if (byStatus is { } s) query = query.Where(p => p.Status == s);
        var narrowed = false;
        if (Query.Enum<ProblemSource>("source", source) is { } src) (query, narrowed) = (query.Where(p => p.Source == src), true);
        if (Text.Clean(rule) is { } r) (query, narrowed) = (query.Where(p => p.Rule == r), true);
        if (Query.Id("household", household) is { } h) (query, narrowed) = (query.Where(p => p.HouseholdId == h), true);
        // By unit and status the total is kept as problems are written; a narrower filter counts its own rows.
        Func<Task<long>>? kept = narrowed
            ? null
            : () => ProblemTotals.Table.Sum(session, Units.From(prefix), Units.To(prefix), byStatus is { } st ? [st.ToString()] : ProblemTotals.Statuses, http.RequestAborted);
        var ordered = (IQueryable<ProblemView> rows) => rows.OrderBy(p => p.VillageCode).ThenBy(p => p.Id);
        var problems = Keyset.Parse(after, page, Keyset.UnitCode()) is { } from
            ? await Keyset.Page(query, ordered(query.After(p => p.VillageCode, p => p.Id, from.Key, from.Id)), size, http.RequestAborted, kept)
            : await PagedQuery.Page(query, ordered, pageNumber, size, http.RequestAborted, kept);
        return Results.Ok(problems.WithNext(p => Keyset.Cursor(p.VillageCode, p.Id)).Select(p => new ProblemItem(p.Id, p.HouseholdId, p.State.MemberId, p.VillageCode, p.Source,
            p.Rule, p.State.RuleSetVersion, p.State.Severity, QualityRules.Shown(p.Rule, p.State.Description), p.Status, p.State.OpenedOn, p.OpenedBy, p.State.Resolution,
            p.ResolvedBy)));
    }
}
