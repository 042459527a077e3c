using JasperFx.Events;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>The checks a write to one stream makes before deciding, whatever the stream's kind.</summary>
public static class StreamGuard
{
    /// <summary>
    /// The caller's role, then the stream itself (unknown or outside the caller's unit answers alike), then If-Match
    /// against the version it was fetched at. Marten's own check at commit catches a change made after the fetch.
    /// </summary>
    public static T Check<T>(IEventStream<T> stream, HttpContext http, Permission? permission, string notFoundCode, string notFound)
        where T : class, IChainHead
    {
        CachedFetches.Note(stream, http);
        var actor = Actor.From(http.User);
        if (permission is { } required) actor.Require(required);
        var found = actor.Visible(stream.Aggregate, s => s.UnitCode, notFoundCode, notFound);
        Current(stream, http);
        return found;
    }

    /// <summary>
    /// The stream as this request fetched it for writing, whether or not it exists yet: If-Match checked against its version
    /// and its write side remembered for chaining. For a stream a write may start (a unit's lines, a unit, named by its code).
    /// </summary>
    public static void Current<T>(IEventStream<T> stream, HttpContext http) where T : class, IChainHead
    {
        IfMatch(stream, http);
        Fetched(stream, http);
    }

    private static readonly object FetchedKey = new();

    /// <summary>
    /// Remembers the write side a stream was fetched with for this request, so that the events appended to it are chained from
    /// that head (<see cref="EventChain.StampPending"/>) rather than from a second read of the stream.
    /// </summary>
    private static void Fetched<T>(IEventStream<T> stream, HttpContext http) where T : class, IChainHead
    {
        if (stream.Aggregate is null) return;
        if (http.Items[FetchedKey] is not Dictionary<Guid, IChainHead> heads) http.Items[FetchedKey] = heads = [];
        heads[stream.Id] = stream.Aggregate;
    }

    /// <summary>The write sides this request fetched its streams with, by stream id.</summary>
    public static IReadOnlyDictionary<Guid, IChainHead> FetchedHeads(HttpContext http) =>
        http.Items[FetchedKey] as Dictionary<Guid, IChainHead> ?? [];

    /// <summary><c>If-Match</c> against the version the stream was fetched at (0 for a stream not started yet).</summary>
    private static void IfMatch<T>(IEventStream<T> stream, HttpContext http) where T : notnull
    {
        var current = stream.CurrentVersion ?? 0;
        if (RequestContext.ExpectedVersion(http) is { } expected && expected != current)
            throw DomainRefusal.Conflict("concurrency.version-conflict", $"It is at version {current}, not {expected}; read it again.");
    }

    /// <summary>A second stream a write changes in the same transaction (a merge): found and visible, its version checked only at commit.</summary>
    public static T Other<T>(IEventStream<T>? stream, HttpContext http, string notFoundCode, string notFound) where T : class, IChainHead
    {
        if (stream is not null) CachedFetches.Note(stream, http);
        var found = Actor.From(http.User).Visible(stream?.Aggregate, s => s.UnitCode, notFoundCode, notFound);
        Fetched(stream!, http);
        return found;
    }

    /// <summary>The stream's version once <paramref name="events"/>, decided on what it was fetched at, are appended.</summary>
    public static long VersionAfter<T>(this IEventStream<T> stream, object[] events) where T : notnull => (stream.CurrentVersion ?? 0) + events.Length;
}
