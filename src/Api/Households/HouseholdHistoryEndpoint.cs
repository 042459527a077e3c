using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registry.Api.Audit;
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

/// <summary>
/// Every event of the household, oldest first, with who, why and the hash chain. <c>afterVersion</c> and <c>limit</c> page
/// through long histories; a <c>Link: rel="next"</c> header names the following page while there is one.
/// </summary>
public static class HouseholdHistoryEndpoint
{
    public const int MaxLimit = 1000;

    [WolverineGet("/api/households/{id}/history", OperationId = "getHouseholdHistory", Summary = "A household's full history, event by event (历史记录)", Description = "Every event of the household in order, with actor, role, unit, reason, correlation id and hash; paged by afterVersion and limit.")]
    [ProducesResponseType<List<HistoryEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, string? afterVersion, string? limit, HttpContext http, IQuerySession session,
        SensitiveReads reads, IOptions<JsonOptions> json)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var page = HistoryPage.Parse(afterVersion, limit, MaxLimit);
        // The household (for the caller's unit) and its events in one round trip; one event more than a page tells whether
        // a next page exists without counting the stream.
        var batch = session.CreateBatchQuery();
        var household = batch.Load<HouseholdDetails>(id);
        var fetched = page is { } p
            ? batch.Events.FetchStream(id, version: p.AfterVersion + p.Limit + 1, fromVersion: p.AfterVersion + 1)
            : batch.Events.FetchStream(id);
        await batch.Execute(http.RequestAborted);
        var current = actor.Visible(await household, h => h.VillageCode, "household.not-found", "No household with this id.");
        IReadOnlyList<IEvent> events = await fetched;
        if (page is { } paged && events.Count > paged.Limit)
        {
            events = events.Take(paged.Limit).ToList();
            http.Response.Headers.Link = $"</api/households/{id}/history?afterVersion={events[^1].Version}&limit={paged.Limit}>; rel=\"next\"";
        }
        var unmasked = AccessPolicy.Allows(actor.Role, Permission.ReadIdNumbers);
        var shownIdNumbers = new HashSet<string>();
        var entries = events.Select(e => new HistoryEntry(
            e.Sequence,
            e.Version,
            e.EventTypeName,
            e.Timestamp,
            EventFacts.EffectiveOn(e.Data),
            HistoryData.Shown(e.Data, json.Value.SerializerOptions, unmasked, shownIdNumbers),
            new ActorView(EventMetadata.Header(e, EventMetadata.UserId), EventMetadata.Header(e, EventMetadata.UserName),
                EventMetadata.Header(e, EventMetadata.Role), EventMetadata.Header(e, EventMetadata.Org)),
            EventMetadata.Header(e, EventMetadata.Reason),
            e.CorrelationId,
            EventMetadata.HashOf(e))).ToList();
        if (shownIdNumbers.Count > 0) await reads.Record(actor, http, ReadTarget.Of(current.State), "household-history");
        return Results.Ok(entries);
    }
}
