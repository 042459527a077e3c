using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections.Audit;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Audit;

/// <summary>Who changed what, newest first, for a unit subtree; inspectors, town and district offices only.</summary>
public static class AuditChangesEndpoint
{
    [WolverineGet("/api/audit/changes", OperationId = "listChanges", Summary = "Who changed what (变更留痕)", Description = "Every recorded change in the reader's unit, newest first, with who made it, in which role and unit, and why. Filters: actor, org, from, to, type, household. Paged by page number, or by cursor: send a page's next as after for the page that follows it.")]
    [Paged(Paging.MaxPageSize)]
    [Param("after", ParamShape.Text, "The next of the page before, for the page that follows it: a position in the log; not with page.", Example = "1042")]
    [Param("actor", ParamShape.Text, "Only changes by this user, by user id.", Example = "c-longju-01")]
    [Param("from", ParamShape.Instant, "Only changes recorded at or after this instant.")]
    [Param("to", ParamShape.Instant, "Only changes recorded at or before this instant.", Example = "2020-12-01T00:00:00Z")]
    [Param("type", ParamShape.Text, "Only events of this type, by its stored name.", Example = "household.member-facts-changed.v1")]
    [Param("household", ParamShape.Uuid, "Only this household's changes.")]
    [ProducesResponseType<PageOf<AuditEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? actor, string? org, string? from, string? to, string? type, string? household, string? page,
        string? pageSize, string? after, HttpContext http, IQuerySession session)
    {
        var reader = Actor.From(http.User);
        return Results.Ok(await Find(reader, actor, org, from, to, type, household, page, pageSize, session, http.RequestAborted, after));
    }

    /// <summary>The changes a reader may see, filtered and paged: for this route and for the console.</summary>
    public static async Task<PageOf<AuditEntry>> Find(Actor reader, string? actor, string? org, string? from, string? to, string? type, string? household,
        string? page, string? pageSize, IQuerySession session, CancellationToken ct, string? after = null)
    {
        reader.Require(Permission.ReadAudit);
        var prefix = Units.Prefix(reader, org);
        var (pageNumber, size) = Paging.Parse(page, pageSize, Paging.MaxPageSize);
        var query = session.Query<AuditEntry>().InUnit(a => a.UnitCode, prefix);
        var narrowed = false;
        if (Text.Clean(actor) is { } actorId) (query, narrowed) = (query.Where(a => a.ActorId == actorId), true);
        if (Query.Instant("from", from) is { } f) (query, narrowed) = (query.Where(a => a.RecordedAt >= f), true);
        if (Query.Instant("to", to) is { } t) (query, narrowed) = (query.Where(a => a.RecordedAt <= t), true);
        if (Text.Clean(type) is { } eventType) (query, narrowed) = (query.Where(a => a.EventType == eventType), true);
        if (Query.Id("household", household) is { } streamId) (query, narrowed) = (query.Where(a => a.StreamId == streamId), true);
        // A unit's whole trail has its total kept beside it; a filter counts its own rows.
        Func<Task<long>>? kept = narrowed ? null : () => AuditTotals.Table.Sum(session, Units.From(prefix), Units.To(prefix), null, ct);
        var changes = Keyset.ParseSequence(after, page) is { } before
            ? await Keyset.Page(query, query.Where(a => a.Sequence < before).OrderByDescending(a => a.Sequence), size, ct, kept)
            : await PagedQuery.Page(query, q => q.OrderByDescending(a => a.Sequence), pageNumber, size, ct, kept);
        return changes.WithNext(a => a.Sequence.ToString(CultureInfo.InvariantCulture));
    }
}
