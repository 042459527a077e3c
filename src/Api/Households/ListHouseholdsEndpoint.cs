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

namespace Registry.Api.Households;

public sealed record RosterMember(Guid MemberId, string Name, string IdNumber, Relation Relation);

public sealed record RosterRow(
    Guid Id,
    string VillageCode,
    string? GroupName,
    HouseholdStatus Status,
    IReadOnlyList<HouseholdMark> Marks,
    MonitoringKind Monitoring,
    IReadOnlyList<RiskType> Risks,
    string HeadName,
    int MemberCount,
    IReadOnlyList<RosterMember> Members,
    long Version);

/// <summary>The roster of a unit: paged, filtered, ID numbers masked but for the last four characters.</summary>
public static class ListHouseholdsEndpoint
{
    public const int MaxPageSize = 200;

    [WolverineGet("/api/households", OperationId = "listHouseholds", Summary = "Roster of households (花名册)", Description = "Households of a unit, with filters by status, monitoring kind, risk, responsible cadre and name or (for roles that may read them) a full ID number; paged by page number, or by cursor: send a page's next as after for the page that follows it.")]
    [ProducesResponseType<PageOf<RosterRow>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? org, string? status, string? monitoring, string? risk, string? q, string? responsible, string? page,
        string? pageSize, string? after, HttpContext http, IQuerySession session, SensitiveReads reads)
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
            idSearch = ResidentIdNumber.LooksLikeOne(text) && AccessPolicy.Allows(actor.Role, Permission.ReadIdNumbers);
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
        var read = (IQueryable<HouseholdDetails> rows, CancellationToken ct) => Rows(session, rows, ct);
        var results = Keyset.Parse(after, page, Keyset.UnitCode()) is { } from
            ? await Keyset.Page(query, ordered(query.After(h => h.VillageCode, h => h.Id, from.Key, from.Id)), size, http.RequestAborted, kept, read)
            : await PagedQuery.Page(query, ordered, pageNumber, size, http.RequestAborted, kept, read);
        results = results.WithNext(h => Keyset.Cursor(h.VillageCode, h.Id));
        if (idSearch)
        {
            if (results.Items.Count == 0) await reads.RecordMiss(actor, http, "roster-id-search");
            else
                await reads.RecordMany(actor, http, (await session.LoadManyAsync<HouseholdDetails>(http.RequestAborted, results.Items.Select(h => h.Id)))
                    .Select(h => ReadTarget.Of(h.State)), "roster-id-search");
        }
        return Results.Ok(results.Select(h => h with { Members = h.Members.Select(m => m with { IdNumber = ResidentIdNumber.Mask(m.IdNumber) }).ToList() }));
    }

    /// <summary>
    /// A page's ids in the roster's order, then from their documents only what a row shows: the index that holds the order gives
    /// the ids of the rows a deep page skips without their documents, and no household's incomes, measures or procedures are
    /// read into the service. Each `->` on a stored document decompresses it anew, so the page's documents are first copied once
    /// into memory (any jsonb operation on the stored value does that); the members come as stored and are shaped here, which
    /// costs the database a third of building their rows itself.
    /// </summary>
    private static async Task<IReadOnlyList<RosterRow>> Rows(IQuerySession session, IQueryable<HouseholdDetails> page, CancellationToken ct)
    {
        var ids = await page.Select(h => h.Id).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var table = session.DocumentStore.Options.Schema.For<HouseholdDetails>();
        var rows = (await session.QueryAsync<StoredRow>($"""
            select jsonb_build_object('id', d.id, 'villageCode', d.data->'villageCode', 'groupName', d.data->'state'->'groupName',
              'status', d.data->'status', 'marks', d.data->'state'->'marks', 'monitoring', d.data->'monitoring', 'risks', d.data->'risks',
              'headName', d.data->'headName', 'version', d.data->'version', 'members', d.data->'state'->'members')
            from (select id, data - 'idNumbers' as data from {table} where id = any(?) offset 0) d
            """, ct, ids.ToArray())).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].Row()).ToList();
    }

    private sealed record StoredRow(
        Guid Id,
        string VillageCode,
        string? GroupName,
        HouseholdStatus Status,
        IReadOnlyList<HouseholdMark>? Marks,
        MonitoringKind Monitoring,
        IReadOnlyList<RiskType>? Risks,
        string HeadName,
        long Version,
        IReadOnlyList<StoredMember>? Members)
    {
        public RosterRow Row() => new(Id, VillageCode, GroupName, Status, Marks ?? [], Monitoring, Risks ?? [], HeadName, Members?.Count ?? 0,
            Members?.Select(m => new RosterMember(m.MemberId, m.Facts.Name, m.Facts.IdNumber, m.Facts.Relation)).ToList() ?? [], Version);
    }

    private sealed record StoredMember(Guid MemberId, StoredFacts Facts);

    private sealed record StoredFacts(string Name, string IdNumber, Relation Relation);
}
