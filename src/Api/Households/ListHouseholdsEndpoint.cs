using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Households;

/// <summary>The roster of a unit: paged, filtered, ID numbers masked but for the last four characters.</summary>
public static class ListHouseholdsEndpoint
{
    public const int MaxPageSize = 200;

    [WolverineGet("/api/households", OperationId = "listHouseholds", Summary = "Roster of households (花名册)", Description = "Households of a unit, with filters by status, monitoring kind, risk, responsible cadre and name or (for roles that may read them) a full ID number; paged by page number, or by cursor: send a page's next as after for the page that follows it.")]
    [Paged(MaxPageSize)]
    [Param("status", typeof(HouseholdStatus), "Only households of this status.", Example = "Poor")]
    [Param("monitoring", typeof(MonitoringKind), "Only households under this kind of monitoring.", Example = "UnstableExited")]
    [Param("risk", typeof(RiskType), "Only households with this risk.")]
    [Param("q", ParamShape.Text, "A name (the head's or a member's), or a full ID number for the roles that may read them.", MaxLength = 30, Example = "王大山")]
    [Param("responsible", ParamShape.Text, "Only households this cadre is responsible for (帮扶责任人), by name.", MaxLength = 30, Example = "张明")]
    [ProducesResponseType<PageOf<RosterRow>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? status, string? monitoring, string? risk, string? q, string? responsible, string? page,
        string? pageSize, string? after, HttpContext http, IQuerySession session, SensitiveReads reads, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var (pageNumber, size) = Paging.Parse(page, pageSize, MaxPageSize);
        IQueryable<HouseholdDetails> query = session.Query<HouseholdDetails>().InUnit(prefix);
        var narrowed = false;
        if (Query.Enum<HouseholdStatus>("status", status) is { } s) (query, narrowed) = (query.Where(h => h.Status == s), true);
        if (Query.Enum<MonitoringKind>("monitoring", monitoring) is { } m) (query, narrowed) = (query.Where(h => h.Monitoring == m), true);
        if (Query.Enum<RiskType>("risk", risk) is { } r) (query, narrowed) = (query.Where(h => h.Risks.Contains(r)), true);
        if (Text.Clean(responsible) is { } cadre)
        {
            if (cadre.Length > 30) throw DomainRefusal.Invalid("responsible", "query.responsible.too-long", "responsible has at most 30 characters.");
            (query, narrowed) = (query.Where(h => h.ResponsibleName == cadre), true);
        }
        var idSearch = false;
        if (Text.Clean(q) is { } text)
        {
            if (text.Length > 30) throw DomainRefusal.Invalid("q", "query.q.too-long", "q has at most 30 characters.");
            // An ID number is sought only by roles that may read them; for others q matches names alone.
            idSearch = ResidentIdNumber.LooksLikeOne(text) && actor.ReadsIdNumbers;
            var upper = text.ToUpperInvariant();
            query = idSearch
                ? query.Where(h => h.IdNumbers.Contains(upper))
                : query.Where(h => h.HeadName.Contains(text) || h.MemberNames.Contains(text));
            narrowed = true;
        }
        // A unit's whole roster: its total is kept as households are registered, and a page walks the (village, id) index.
        Func<Task<long>>? kept = narrowed
            ? null
            : () => HouseholdTotals.Table.Sum(session, Units.From(prefix), Units.To(prefix), null, http.RequestAborted);
        var ordered = (IQueryable<HouseholdDetails> rows) => rows.OrderBy(h => h.VillageCode).ThenBy(h => h.Id);
        var today = RegistryCalendar.Today(clock.GetUtcNow());
        var read = (IQueryable<HouseholdDetails> rows, CancellationToken ct) => Rows(session, rows, today, ct);
        var results = Keyset.Parse(after, page, Keyset.UnitCode()) is { } from
            ? await Keyset.Page(query, ordered(query.After(h => h.VillageCode, h => h.Id, from.Key, from.Id)), size, http.RequestAborted, kept, read)
            : await PagedQuery.Page(query, ordered, pageNumber, size, http.RequestAborted, kept, read);
        results = results.WithNext(h => Keyset.Cursor(h.VillageCode, h.Id));
        if (idSearch)
        {
            // A page past the last of a search that found the person shows no row but its total: a hit all the same, logged
            // as the households it found, not as a miss.
            var found = results.Items.Count > 0 ? results.Items.Select(h => h.Id).ToList()
                : results.Total > 0 ? await query.Select(h => h.Id).Take(Paging.MaxPageSize).ToListAsync(http.RequestAborted) : [];
            if (found.Count == 0) await reads.RecordMiss(actor, http, "roster-id-search");
            else
                await reads.RecordMany(actor, http, (await session.LoadManyAsync<HouseholdDetails>(http.RequestAborted, found))
                    .Select(h => ReadTarget.Of(h.State)), "roster-id-search");
        }
        return Results.Ok(results);
    }

    /// <summary>
    /// A page's ids in the roster's order, then their rows as each household's document keeps them in a narrow column of its
    /// own: the index that holds the order gives the ids of the rows a deep page skips without their documents, and the page
    /// reads fifty short lines instead of decompressing fifty whole households. A document stored before the column existed
    /// has no line until it is written again or rebuilt; its row is made from the document.
    /// </summary>
    /// <remarks>
    /// A line kept before lines carried birth dates (every ID number on record carries one) is read as missing, so its row is made
    /// from the document, with ages, until its household is written again or rebuilt.
    /// </remarks>
    private static async Task<IReadOnlyList<RosterRow>> Rows(IQuerySession session, IQueryable<HouseholdDetails> page, DateOnly today, CancellationToken ct)
    {
        var ids = await page.Select(h => h.Id).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var table = session.DocumentStore.Options.Schema.For<HouseholdDetails>();
        var rows = (await session.QueryAsync<RosterLine>($"select roster_line from {table} where id = any(?) and roster_line is not null", ct, ids.ToArray()))
            .Where(r => r.Members.All(m => m.BirthDate is not null)).ToDictionary(r => r.Id);
        if (rows.Count < ids.Count)
            foreach (var household in await session.LoadManyAsync<HouseholdDetails>(ct, ids.Where(id => !rows.ContainsKey(id))))
                rows[household.Id] = RosterLine.Of(household);
        return ids.Where(rows.ContainsKey).Select(id => RosterRow.Of(rows[id], today)).ToList();
    }
}
