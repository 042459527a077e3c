using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Audit;

/// <summary>Who read or sought unmasked ID numbers, of which household and members, when: for inspectors only.</summary>
public static class SensitiveReadsEndpoint
{
    [WolverineGet("/api/audit/sensitive-reads", OperationId = "listSensitiveReads", Summary = "Reads of unmasked ID numbers (敏感信息查阅记录)", Description = "Each read that showed unmasked ID numbers: who, when, which household and members, and whether the look-up found anyone. For inspectors.")]
    [Paged(Paging.MaxPageSize)]
    [Param("household", ParamShape.Uuid, "Only reads of this household.")]
    [Param("actor", ParamShape.Text, "Only reads by this user, by user id.", Example = "c-longju-01")]
    [Param("from", ParamShape.Instant, "Only reads at or after this instant.")]
    [Param("to", ParamShape.Instant, "Only reads at or before this instant.", Example = "2020-12-01T00:00:00Z")]
    [ProducesResponseType<PageOf<SensitiveRead>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? household, string? actor, string? from, string? to, string? page, string? pageSize, HttpContext http,
        IQuerySession session)
    {
        var reader = Actor.From(http.User);
        reader.Require(Permission.ReadSensitiveReads);
        var (pageNumber, size) = Paging.Parse(page, pageSize, Paging.MaxPageSize);
        var prefix = OrgCode.SignificantPrefix(reader.Org);
        var query = session.Query<SensitiveRead>().Where(r => r.Unit.StartsWith(prefix));
        if (Query.Id("household", household) is { } id) query = query.Where(r => r.HouseholdId == id);
        if (Text.Clean(actor) is { } actorId) query = query.Where(r => r.ActorId == actorId);
        if (Query.Instant("from", from) is { } f) query = query.Where(r => r.ReadAt >= f);
        if (Query.Instant("to", to) is { } t) query = query.Where(r => r.ReadAt <= t);
        return Results.Ok(await PagedQuery.Page(query, q => q.OrderByDescending(r => r.ReadAt), pageNumber, size, http.RequestAborted));
    }
}
