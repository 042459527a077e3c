using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Registry.Domain.Common;
using Registry.Projections;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// The one place appended events get who, where and why (as headers) and their link in their stream's hash chain,
/// whatever the stream's kind and whoever appended them. <see cref="UnchainedEventGuard"/> refuses to commit any event
/// that skipped it.
/// </summary>
public static class EventChain
{
    /// <summary>
    /// Stamps every event pending in the session that is not stamped yet, each stream from the write side it was fetched with
    /// (<paramref name="fetched"/>), else from its chain head as stored.
    /// </summary>
    public static async Task StampPending(IDocumentSession session, Actor actor, string? reason, string correlation, CancellationToken ct,
        IReadOnlyDictionary<Guid, IChainHead>? fetched = null)
    {
        foreach (var stream in session.PendingChanges.Streams().Where(s => !s.Events.All(IsChained)))
        {
            var head = fetched?.GetValueOrDefault(stream.Id) ?? await ChainHeads.Current(session, stream, ct);
            Stamp(session, stream, head, actor, reason, correlation);
        }
    }

    /// <summary>Stamps the unstamped events pending on one stream whose chain head the caller holds (none for a new stream).</summary>
    public static void Stamp(IDocumentSession session, Guid streamId, IChainHead? head, Actor actor, string? reason, string correlation) =>
        Stamp(session, session.PendingChanges.Streams().Single(s => s.Id == streamId), head, actor, reason, correlation);

    /// <summary>
    /// Stamped here, and its hash header still the one stamped: a hash header set by any other code is not taken on trust
    /// (<see cref="UnchainedEventGuard"/> refuses the event; a later stamp replaces the header).
    /// </summary>
    public static bool IsChained(IEvent e) => EventMetadata.HashOf(e) is { } hash && Stamped.TryGetValue(e, out var stamped) && stamped == hash;

    /// <summary>Each event stamped in this process and the hash it was given, for as long as the event is alive.</summary>
    private static readonly ConditionalWeakTable<IEvent, string> Stamped = new();

    /// <summary>
    /// Stamps the unstamped events of a stream the caller has just started or appended to: a writer of many streams in one
    /// session passes the stream it holds rather than have it found among every pending one.
    /// </summary>
    public static void Stamp(IDocumentSession session, StreamAction stream, IChainHead? head, Actor actor, string? reason, string correlation) =>
        // A stream fetched for writing knows its version on the server; the snapshot's is the fallback for a plain append.
        Stamp(session.DocumentStore.Options.Serializer(), stream.Id, stream.Events, stream.ExpectedVersionOnServer ?? head?.Version ?? 0, head?.LastHash,
            head?.UnitCode ?? ChainHeads.UnitOfNew(stream), actor, reason, correlation);

    /// <summary>
    /// Stamps the unstamped ones of events that follow <paramref name="version"/> and <paramref name="hash"/> on a stream of
    /// <paramref name="unit"/>: for a writer that appends without a session's stream, the same headers and the same link.
    /// </summary>
    public static void Stamp(ISerializer serializer, Guid streamId, IEnumerable<IEvent> events, long version, string? hash, string unit, Actor actor,
        string? reason, string correlation)
    {
        foreach (var e in events)
        {
            version++;
            if (IsChained(e))
            {
                hash = EventMetadata.HashOf(e);
                continue;
            }
            var headers = Headers(actor, unit, reason);
            hash = HashChain.Compute(hash, streamId, version, EventTypes.NameOf(e.EventType), serializer.ToJson(e.Data), headers, correlation);
            headers[EventMetadata.Hash] = hash;
            foreach (var (name, value) in headers) e.SetHeader(name, value!);
            e.CorrelationId = correlation;
            Stamped.AddOrUpdate(e, hash);
        }
    }

    private static Dictionary<string, string?> Headers(Actor actor, string unit, string? reason)
    {
        var headers = new Dictionary<string, string?>
        {
            [EventMetadata.UserId] = actor.UserId,
            [EventMetadata.UserName] = actor.Name,
            [EventMetadata.Role] = actor.Role.ToString(),
            [EventMetadata.Org] = actor.Org,
            [EventMetadata.Unit] = unit,
        };
        if (Text.Clean(reason) is { } why) headers[EventMetadata.Reason] = why;
        return headers;
    }
}
