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
public sealed class Writes(IDocumentSession injected, IDocumentStore store, TimeProvider clock, IOptions<JsonOptions> json) : IAsyncDisposable
{
    private IDocumentSession _session = injected;
    private readonly List<IDocumentSession> _opened = [];

    /// <summary>How many times a write without If-Match decides again after a concurrent change before it answers 409.</summary>
    public const int MaxAttempts = 10;

    /// <summary>The session of the current attempt: a retry decides again in a session of its own, as if the request came anew.</summary>
    public IDocumentSession Session => _session;

    /// <summary>
    /// Runs one write. With <paramref name="retryOnConcurrentChange"/> (writes whose every step reads and appends through
    /// <see cref="Session"/>), a write without If-Match that meets a concurrent change decides again on what is current.
    /// </summary>
    public async Task<IResult> Run(HttpContext http, Func<Actor, DateTimeOffset, Task<WriteOutcome>> write, bool retryOnConcurrentChange = false)
    {
        var session = _session;
        var actor = Actor.From(http.User);
        var now = clock.GetUtcNow();
        var key = RequestContext.IdempotencyKey(http);
        var recordId = key is null ? null : IdempotentResponse.KeyOf(actor.UserId, key);
        // A client that sent no If-Match asked for the change on whatever is current: a concurrent change is no conflict of its.
        var retryable = retryOnConcurrentChange && RequestContext.ExpectedVersion(http) is null;
        session.CorrelationId = RequestContext.CorrelationId(http);
        session.LastModifiedBy = actor.UserId;
        WriteOutcome outcome;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (recordId is not null)
                {
                    var earlier = await session.LoadAsync<IdempotentResponse>(recordId, http.RequestAborted);
                    if (earlier is not null && earlier.IsLiveAt(now)) return WriteOutcome.Replay(earlier);
                    if (earlier is not null) session.Delete(earlier);
                }
                try
                {
                    outcome = await write(actor, now);
                    if (recordId is not null)
                        session.Insert(new IdempotentResponse(recordId, outcome.Status, outcome.SerializeBody(json.Value.SerializerOptions),
                            outcome.Version is null ? null : outcome.ETag, outcome.Location, now));
                    await session.SaveChangesAsync(http.RequestAborted);
                    break;
                }
                catch (Exception e) when (retryable && IsStaleVersion(e))
                {
                    if (attempt == MaxAttempts)
                        throw DomainRefusal.Conflict("concurrency.contended",
                            $"The household kept changing under {MaxAttempts} attempts; try again.");
                    // Read the stream again and decide again on what is current now, in a clean session.
                    session = _session = store.LightweightSession(_session.TenantId);
                    _opened.Add(session);
                    session.CorrelationId = RequestContext.CorrelationId(http);
                    session.LastModifiedBy = actor.UserId;
                }
            }
        }
        catch (Exception e) when (recordId is not null && (e is DomainRefusal || LostARace(e)))
        {
            // A concurrent request with the same key may have committed since the check above, and its effect (a newer
            // version, a taken key or person) is what refused this one: then the answer is the first answer.
            await using var query = store.QuerySession(_session.TenantId);
            var winner = await query.LoadAsync<IdempotentResponse>(recordId, http.RequestAborted);
            if (winner is null || !winner.IsLiveAt(now)) throw;
            return WriteOutcome.Replay(winner);
        }
        return outcome.ToResult(http);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened) await opened.DisposeAsync();
    }

    private static bool IsStaleVersion(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is ConcurrencyException) return true;
        return false;
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
