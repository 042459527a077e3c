using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections;
using Registry.Projections.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record ActorView(string? UserId, string? Name, string? Role, string? Org);

public sealed record HistoryEntry(
    long Sequence,
    long Version,
    string Type,
    DateTimeOffset RecordedAt,
    DateOnly? EffectiveOn,
    object Data,
    ActorView Actor,
    string? Reason,
    string? CorrelationId,
    string? Hash);

/// <summary>Every event of the household, oldest first, with who, why and the hash chain.</summary>
public static class HouseholdHistoryEndpoint
{
    [WolverineGet("/api/households/{id}/history")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var current = await session.LoadAsync<HouseholdDetails>(id, http.RequestAborted)
            ?? throw DomainRefusal.NotFound("household.not-found", "No household with this id.");
        actor.RequireJurisdiction(current.VillageCode);
        var events = await session.Events.FetchStreamAsync(id, token: http.RequestAborted);
        return Results.Ok(events.Select(e => new HistoryEntry(
            e.Sequence,
            e.Version,
            e.EventTypeName,
            e.Timestamp,
            EventFacts.EffectiveOn(e.Data),
            e.Data,
            new ActorView(EventMetadata.Header(e, EventMetadata.UserId), EventMetadata.Header(e, EventMetadata.UserName),
                EventMetadata.Header(e, EventMetadata.Role), EventMetadata.Header(e, EventMetadata.Org)),
            EventMetadata.Header(e, EventMetadata.Reason),
            e.CorrelationId,
            EventMetadata.HashOf(e))).ToList());
    }
}
