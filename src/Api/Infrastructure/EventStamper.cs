using Marten;
using Registry.Domain.Common;
using Registry.Projections;

namespace Registry.Api.Infrastructure;

public static class EventStamper
{
    /// <summary>Puts who, where, why and the hash chain on the events just appended to a stream in this session.</summary>
    /// <returns>The hash of the last event: the stream's new chain head.</returns>
    public static string? Stamp(IDocumentSession session, Guid streamId, string unitCode, long versionBefore, string? previousHash, int count, Actor actor,
        string? reason, HttpContext http) =>
        Stamp(session, streamId, unitCode, versionBefore, previousHash, count, actor, reason, RequestContext.CorrelationId(http));

    /// <summary>The same stamp for writes that run outside a request, such as a background import.</summary>
    public static string? Stamp(IDocumentSession session, Guid streamId, string unitCode, long versionBefore, string? previousHash, int count, Actor actor,
        string? reason, string correlation)
    {
        var pending = session.PendingChanges.Streams().Single(s => s.Id == streamId).Events.TakeLast(count).ToList();
        var serializer = session.DocumentStore.Options.Serializer();
        var hash = previousHash;
        for (var i = 0; i < pending.Count; i++)
        {
            var e = pending[i];
            var headers = new Dictionary<string, string?>
            {
                [EventMetadata.UserId] = actor.UserId,
                [EventMetadata.UserName] = actor.Name,
                [EventMetadata.Role] = actor.Role.ToString(),
                [EventMetadata.Org] = actor.Org,
                [EventMetadata.Unit] = unitCode,
            };
            if (Text.Clean(reason) is { } why) headers[EventMetadata.Reason] = why;
            hash = HashChain.Compute(hash, streamId, versionBefore + i + 1, EventTypes.NameOf(e.EventType), serializer.ToJson(e.Data), headers, correlation);
            headers[EventMetadata.Hash] = hash;
            foreach (var (name, value) in headers) e.SetHeader(name, value!);
            e.CorrelationId = correlation;
        }
        return hash;
    }
}
