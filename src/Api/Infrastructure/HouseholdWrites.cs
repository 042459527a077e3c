using Marten;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;

namespace Registry.Api.Infrastructure;

public sealed record HouseholdCommandContext(Household State, Actor Actor, DateTimeOffset Now);

public sealed record VersionResponse(Guid Id, long Version);

public sealed record OtherHousehold(JasperFx.Events.IEventStream<HouseholdDetails> Stream, HouseholdDetails Details);

/// <summary>Writes to one household's stream: load the snapshot, check jurisdiction, decide, append stamped events.</summary>
public sealed class HouseholdWrites(Writes writes)
{
    private IDocumentSession Session => writes.Session;

    public Task<IResult> Register(HttpContext http, Guid householdId, string? villageCode, Func<Actor, DateTimeOffset, Task<object[]>> decide) =>
        writes.Run(http, async (actor, now) =>
        {
            actor.Require(Permission.RegisterHousehold);
            if (!Domain.Org.OrgCode.IsWellFormed(villageCode))
                throw DomainRefusal.Invalid("villageCode", "org.code.format", "villageCode is a 12-digit division code.");
            actor.RequireJurisdiction(villageCode!);
            var village = await Session.LoadAsync<Reference.OrgUnit>(villageCode!, http.RequestAborted);
            if (village is not { Kind: Domain.Org.OrgKind.Village })
                throw DomainRefusal.Rule("org.village-unknown", $"{villageCode} is not a registered village.");
            if (await Session.Events.FetchStreamStateAsync(householdId, http.RequestAborted) is not null)
                throw DomainRefusal.Conflict("household.exists", "A household with this id already exists.");
            var events = await decide(actor, now);
            Session.Events.StartStream<HouseholdDetails>(householdId, events);
            EventStamper.Stamp(Session, householdId, villageCode!, 0, null, events.Length, actor, reason: null, http);
            return new WriteOutcome(StatusCodes.Status201Created, new VersionResponse(householdId, events.Length), events.Length,
                $"/api/households/{householdId}");
        });

    public Task<IResult> Change(HttpContext http, Guid householdId, Permission permission, Func<HouseholdCommandContext, Task<object[]>> decide,
        string? reason = null, Func<long, object>? body = null, int status = StatusCodes.Status200OK) =>
        writes.Run(http, async (actor, now) =>
        {
            actor.Require(permission);
            var expected = RequestContext.ExpectedVersion(http);
            // Marten refuses the empty id outright; for a client it is just an id that names no household.
            var stream = householdId == Guid.Empty ? null : await Session.Events.FetchForWriting<HouseholdDetails>(householdId, http.RequestAborted);
            var aggregate = actor.Visible(stream?.Aggregate, h => h.VillageCode, "household.not-found", "No household with this id.");
            var current = stream!.CurrentVersion ?? 0;
            if (expected is { } v && v != current)
                throw DomainRefusal.Conflict("concurrency.version-conflict", $"The household is at version {current}, not {v}; read it again.");
            var events = await decide(new HouseholdCommandContext(aggregate.State, actor, now));
            stream!.AppendMany(events);
            EventStamper.Stamp(Session, householdId, aggregate.VillageCode, current, aggregate.LastHash, events.Length, actor, reason, http);
            var version = current + events.Length;
            return new WriteOutcome(status, body?.Invoke(version) ?? new VersionResponse(householdId, version), version);
        }, retryOnConcurrentChange: true);

    /// <summary>Starts a second household's stream in the same transaction as the write it belongs to (a split).</summary>
    public void Start(HttpContext http, Guid householdId, string villageCode, object[] events, Actor actor, string? reason)
    {
        Session.Events.StartStream<HouseholdDetails>(householdId, events);
        EventStamper.Stamp(Session, householdId, villageCode, 0, null, events.Length, actor, reason, http);
    }

    /// <summary>
    /// Loads a second household for writing in the same transaction (a merge): unknown or outside the actor's unit answers as
    /// unknown, and a concurrent change to it fails the whole write.
    /// </summary>
    public async Task<OtherHousehold> Other(HttpContext http, Guid householdId, Actor actor, string field)
    {
        var stream = householdId == Guid.Empty ? null : await Session.Events.FetchForWriting<HouseholdDetails>(householdId, http.RequestAborted);
        var aggregate = actor.Visible(stream?.Aggregate, h => h.VillageCode, "household.not-found", $"No household with this id ({field}).");
        return new OtherHousehold(stream!, aggregate);
    }

    /// <returns>The second household's version after the append.</returns>
    public long Append(HttpContext http, OtherHousehold other, object[] events, Actor actor, string? reason)
    {
        var before = other.Stream.CurrentVersion ?? 0;
        other.Stream.AppendMany(events);
        EventStamper.Stamp(Session, other.Details.Id, other.Details.VillageCode, before, other.Details.LastHash, events.Length, actor, reason, http);
        return before + events.Length;
    }

    /// <summary>ID numbers among <paramref name="idNumbers"/> that belong to a household other than <paramref name="householdId"/>.</summary>
    public Task<IReadOnlySet<string>> ClaimedElsewhere(IEnumerable<string?> idNumbers, Guid householdId, CancellationToken ct) =>
        PersonClaimLookup.ClaimedElsewhere(Session, idNumbers, householdId, ct);
}
