using JasperFx;
using Marten;
using Marten.Exceptions;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// What a write route does when another write to the same stream commits first. Without If-Match the client asked for
/// the change on whatever is current, so the route runs again, reading the stream anew, a bounded number of times. With
/// an Idempotency-Key, a refusal caused by a concurrent request with the same key that committed first is answered
/// with that request's answer.
/// </summary>
public static class ConcurrentWrites
{
    public const int MaxAttempts = 10;

    public static async Task Handle(HttpContext http, Func<Task> next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<WriteRoute>() is null)
        {
            await next();
            return;
        }
        http.Request.EnableBuffering();
        var retryable = http.Request.Headers.IfMatch.Count == 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next();
                return;
            }
            catch (Exception e) when (retryable && IsStaleVersion(e) && !http.Response.HasStarted)
            {
                if (attempt == MaxAttempts)
                    throw DomainRefusal.Conflict("concurrency.contended", $"The record kept changing under {MaxAttempts} attempts; try again.");
                http.Request.Body.Position = 0;
                http.Response.Headers.ETag = default;
                http.Response.Headers.Location = default;
            }
            catch (Exception e) when (e is DomainRefusal || LostARace(e))
            {
                if (await FirstAnswer(http) is not { } first) throw;
                await first.ExecuteAsync(http);
                return;
            }
        }
    }

    /// <summary>The answer a concurrent request with the same Idempotency-Key committed, if there is one.</summary>
    private static async Task<IResult?> FirstAnswer(HttpContext http)
    {
        if (http.Response.HasStarted || RequestContext.ValidIdempotencyKey(http) is not { } key) return null;
        var actor = Actor.From(http.User);
        await using var query = http.RequestServices.GetRequiredService<IDocumentStore>()
            .QuerySession(http.RequestServices.GetRequiredService<Tenancy.Districts>().TenantOf(actor));
        var first = await query.LoadAsync<IdempotentResponse>(IdempotentResponse.KeyOf(actor.UserId, key), http.RequestAborted);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return first is not null && first.IsLiveAt(now) ? WriteAnswer.Replay(first) : null;
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
