using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registry.Api.Infrastructure;

/// <summary>
/// The one path every write takes: authenticate the actor, answer a repeated Idempotency-Key with the
/// first answer, run the change, and commit events, read models and the idempotency record together.
/// </summary>
public sealed class Writes(IDocumentSession session, IDocumentStore store, TimeProvider clock, IOptions<JsonOptions> json)
{
    public IDocumentSession Session => session;

    public async Task<IResult> Run(HttpContext http, Func<Actor, DateTimeOffset, Task<WriteOutcome>> write)
    {
        var actor = Actor.From(http.User);
        var now = clock.GetUtcNow();
        var key = RequestContext.IdempotencyKey(http);
        var recordId = key is null ? null : IdempotentResponse.KeyOf(actor.UserId, key);
        if (recordId is not null)
        {
            var earlier = await session.LoadAsync<IdempotentResponse>(recordId, http.RequestAborted);
            if (earlier is not null && earlier.IsLiveAt(now)) return WriteOutcome.Replay(earlier);
            if (earlier is not null) session.Delete(earlier);
        }

        session.CorrelationId = RequestContext.CorrelationId(http);
        session.LastModifiedBy = actor.UserId;
        var outcome = await write(actor, now);
        if (recordId is not null)
            session.Insert(new IdempotentResponse(recordId, outcome.Status, outcome.SerializeBody(json.Value.SerializerOptions),
                outcome.Version is null ? null : outcome.ETag, outcome.Location, now));
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
        }
        catch (Exception e) when (recordId is not null && e is ConcurrencyException or DocumentAlreadyExistsException)
        {
            // A concurrent request with the same key won the race: answer what it answered.
            await using var query = store.QuerySession();
            var winner = await query.LoadAsync<IdempotentResponse>(recordId, http.RequestAborted);
            if (winner is null) throw;
            return WriteOutcome.Replay(winner);
        }
        return outcome.ToResult(http);
    }
}
