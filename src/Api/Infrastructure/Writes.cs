using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registry.Domain.Common;

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
        WriteOutcome outcome;
        try
        {
            outcome = await write(actor, now);
            if (recordId is not null)
                session.Insert(new IdempotentResponse(recordId, outcome.Status, outcome.SerializeBody(json.Value.SerializerOptions),
                    outcome.Version is null ? null : outcome.ETag, outcome.Location, now));
            await session.SaveChangesAsync(http.RequestAborted);
        }
        catch (Exception e) when (recordId is not null && (e is DomainRefusal || LostARace(e)))
        {
            // A concurrent request with the same key may have committed since the check above, and its effect (a newer
            // version, a taken key or person) is what refused this one: then the answer is the first answer.
            await using var query = store.QuerySession();
            var winner = await query.LoadAsync<IdempotentResponse>(recordId, http.RequestAborted);
            if (winner is null || !winner.IsLiveAt(now)) throw;
            return WriteOutcome.Replay(winner);
        }
        return outcome.ToResult(http);
    }

    /// <summary>A conflict with a concurrent commit, however Marten wraps it: a stale version or a key (record, stream, person) taken first.</summary>
    private static bool LostARace(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is ConcurrencyException or DocumentAlreadyExistsException or JasperFx.Events.ExistingStreamIdCollisionException
                or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
                return true;
        return false;
    }
}
