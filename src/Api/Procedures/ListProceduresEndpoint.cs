using System.Globalization;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Procedures;
using Registry.Projections.Procedures;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Procedures;

public sealed record ProcedureWorkItem(Guid HouseholdId, string VillageCode, string HeadName, Guid ProcedureId, ProcedureKind Kind,
    int DefinitionVersion, DateOnly StartedOn, int StepsDone, string? NextStep, IReadOnlyCollection<Role> NextStepRoles, DateOnly LastStepOn);

/// <summary>Open procedures of a unit, oldest first: the work queue of whoever takes each next step.</summary>
public static class ListProceduresEndpoint
{
    [WolverineGet("/api/procedures", OperationId = "listProcedures", Summary = "Procedure work queue (程序待办)", Description = "Open procedures of a unit with the next step and the roles that may record it, longest waiting first; paged by page number, or by cursor: send a page's next as after for the page that follows it.")]
    [Paged(Paging.MaxPageSize)]
    [Param("after", ParamShape.Text, "The next of the page before, for the page that follows it (keyset paging); not with page.", Example = "2020-09-08.0197a3c25e107d4a9b1e3f2a6c8d0e11")]
    [Param("kind", typeof(ProcedureKind), "Only procedures of this kind.")]
    [Param("step", ParamShape.Text, "Only procedures whose next step is this one, by its code (GET /api/reference).", Example = "GroupAppraisal")]
    [ProducesResponseType<PageOf<ProcedureWorkItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? kind, string? step, string? page, string? pageSize, string? after, HttpContext http,
        IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var (pageNumber, size) = Paging.Parse(page, pageSize, Paging.MaxPageSize);
        var ct = http.RequestAborted;

        var query = QueueOf(session, prefix);
        var kinds = default(string[]);
        if (Query.Enum<ProcedureKind>("kind", kind) is { } k) (query, kinds) = (query.Where(w => w.Kind == k), [k.ToString()]);
        var byStep = Text.Clean(step);
        if (byStep is not null) query = query.Where(w => w.NextStep == byStep);
        // The queue's total by kind is kept as procedures start and close; only a filter by step counts the unit's rows.
        Func<Task<long>>? kept = byStep is not null ? null : () => ProcedureTotals.Table.Sum(session, Units.From(prefix), Units.To(prefix), kinds, ct);
        var ordered = (IQueryable<ProcedureWork> rows) => rows.OrderBy(w => w.LastStepOn).ThenBy(w => w.Id);
        var work = Keyset.Parse(after, page, Keyset.Date()) is { } from
            ? await Keyset.Page(query, ordered(query.After(w => w.LastStepOn, w => w.Id, Day(from.Key), from.Id)), size, ct, kept)
            : await PagedQuery.Page(query, ordered, pageNumber, size, ct, kept);
        var heads = (await session.LoadManyAsync<ProcedureQueue>(ct, work.Items.Select(w => w.HouseholdId).Distinct()))
            .ToDictionary(q => q.Id, q => q.HeadName);
        return Results.Ok(work.WithNext(w => Keyset.Cursor(w.LastStepOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Id)).Select(w =>
        {
            var p = w.Procedure;
            return new ProcedureWorkItem(w.HouseholdId, w.VillageCode, heads.GetValueOrDefault(w.HouseholdId, ""), p.ProcedureId, p.Kind, p.DefinitionVersion,
                p.StartedOn, p.StepsDone, p.NextStep, p.NextLevel is { } level ? AccessPolicy.RolesAt(level) : [], p.LastStepOn);
        }));
    }

    /// <summary>
    /// A unit's queue by its own level's code (a village's code, or as many first digits of the village's as name the unit
    /// above it), which the queue's indexes lead with before its order (date, id): a page reads its rows off the index and
    /// stops, for a village as for the whole district, also under a prepared statement's generic plan, which cannot tell a
    /// district's range of codes from a village's (docs/benchmarks.md, §1).
    /// </summary>
    private static IQueryable<ProcedureWork> QueueOf(IQuerySession session, string prefix) =>
        ProcedureWorkIndexes.Levels.ContainsKey(prefix.Length)
            ? session.Query<ProcedureWork>().Where(w => w.MatchesSql($"{ProcedureWorkIndexes.UnitCode(prefix.Length)} = ?", prefix))
            : session.Query<ProcedureWork>().Where(w => w.VillageCode == prefix);

    private static DateOnly Day(string key) => DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        ? day
        : throw Keyset.Invalid();
}
