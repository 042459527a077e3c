using System.Diagnostics;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// What a write route does when its commit fails or it is refused. With an Idempotency-Key whose answer is remembered (a
/// repeat, or a concurrent request with the same key that committed first), the answer is that first answer; a key whose
/// window has passed is forgotten and the write runs anew. Without If-Match a write that met a concurrent change to its
/// stream runs again, reading the stream anew, a bounded number of times; one decided on the node's cached snapshot of a
/// household and refused, or beaten at commit, is decided once more on a fresh read (<see cref="CachedFetches"/>).
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
        await RequestFingerprint.Take(http);
        var retryable = RequestContext.NamesNoVersion(http);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next();
                return;
            }
            catch (Exception e) when (!http.Response.HasStarted && (e is DomainRefusal || LostARace(e)))
            {
                // A caller refused the record (403, or 404 as for an unknown one) is told nothing remembered of it. A decision's own
                // 403 or 404 (a procedure no longer open, a member since removed) is no such refusal: a repeat of the write that
                // closed the one or removed the other is answered with its first answer.
                var first = e is DomainRefusal { RefusesTheCaller: true } ? null : await Remembered(http);
                if (first is not null && first.IsLiveAt(Now(http)))
                {
                    await RequestFingerprint.Replay(http, first).ExecuteAsync(http);
                    return;
                }
                // A key whose window has passed is forgotten: the request is a new write under it.
                if (first is not null) await Forget(http, first);
                // The key's record was there at commit and is gone now: a concurrent request forgot it, its window past, and is
                // writing anew under it; run again, to be answered with that write's answer or to be it.
                else if (MetTheKeysRecord(e)) { }
                // Decided on the node's cached snapshot, which another node may have left behind: decided again on a fresh read, once.
                else if (!CachedFetches.ForgetServed(http) && !(retryable && IsStaleVersion(e)))
                {
                    await Audit.ClaimProbes.RecordRefusal(http, e);
                    if (await RememberRefusal(http, e) is { } concurrent)
                    {
                        await RequestFingerprint.Replay(http, concurrent).ExecuteAsync(http);
                        return;
                    }
                    throw;
                }
            }
            if (attempt == MaxAttempts)
                throw DomainRefusal.Conflict("concurrency.contended", $"The record kept changing under {MaxAttempts} attempts; try again.");
            http.Request.Body.Position = 0;
            http.Response.Headers.ETag = default;
            http.Response.Headers.Location = default;
        }
    }

    /// <summary>
    /// The first answer to a repeat whose Idempotency-Key is remembered and live, for a write that does its work before it commits
    /// and so looks first (a checkpoint); null otherwise.
    /// </summary>
    public static async Task<IResult?> FirstAnswer(HttpContext http) =>
        await Remembered(http) is { } first && first.IsLiveAt(Now(http)) ? RequestFingerprint.Replay(http, first) : null;

    /// <summary>
    /// A business rule's refusal (422) is the first answer to its Idempotency-Key like any other, remembered in a transaction of
    /// its own, so a repeat is refused alike even after the record changed. Not remembered, since nothing was decided: input
    /// refused (400), a caller refused (401, 403, 404) and a concurrent change (409). Nor a refusal naming another household's
    /// person, which is decided and logged each time it is told. Returns the answer a concurrent request with the same key
    /// remembered first, if one did.
    /// </summary>
    private static async Task<IdempotentResponse?> RememberRefusal(HttpContext http, Exception e)
    {
        if (e is not DomainRefusal { Kind: RefusalKind.Rule } refusal || refusal.Code == Domain.Households.PersonClaims.Code
            || RequestContext.ValidIdempotencyKey(http) is not { } key)
            return null;
        var problem = Problems.Create(StatusCodes.Status422UnprocessableEntity, refusal.Code, refusal.Message, refusal.Errors);
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession(Tenant(http));
        session.Insert(WriteAnswer.Remember(http, key, problem.Status!.Value, problem, null, null));
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
            return null;
        }
        catch (Exception x) when (LostARace(x))
        {
            return await Remembered(http);
        }
    }

    /// <summary>The answer remembered under the request's Idempotency-Key, by this request's user.</summary>
    private static async Task<IdempotentResponse?> Remembered(HttpContext http)
    {
        if (RequestContext.ValidIdempotencyKey(http) is not { } key) return null;
        await using var query = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession(Tenant(http));
        return await query.LoadAsync<IdempotentResponse>(IdempotentResponse.KeyOf(Actor.From(http.User).UserId, key), http.RequestAborted);
    }

    /// <summary>The caller's district database, as Wolverine's tenant detection resolved it for the route.</summary>
    internal static string Tenant(HttpContext http) => http.RequestServices.GetRequiredService<Tenancy.Districts>().TenantOf(Actor.From(http.User));

    private static async Task Forget(HttpContext http, IdempotentResponse expired)
    {
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession(Tenant(http));
        // Only while it is still the expired answer: a concurrent request with the same key may have forgotten it first and
        // committed its write with a live answer in its place, which this request must then be answered with, not remove.
        var cutoff = Now(http) - IdempotentResponse.Lifetime;
        session.DeleteWhere<IdempotentResponse>(r => r.Id == expired.Id && r.CreatedAt <= cutoff);
        await session.SaveChangesAsync(http.RequestAborted);
    }

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>
    /// A stale version, or a stream named by its subject (a unit's code) started by a concurrent request first: either way
    /// the stream moved under the write, which runs again on what is current.
    /// </summary>
    private static bool IsStaleVersion(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is ConcurrencyException || StreamStartedFirst(x)) return true;
        return false;
    }

    private static bool MetTheKeysRecord(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is DocumentAlreadyExistsException { DocType: var type } && type == typeof(IdempotentResponse)
                || x is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, TableName: { } table }
                && table.Contains("idempotentresponse", StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>A conflict with a concurrent commit, however Marten wraps it: a stale version or a key (record, stream, person) taken first.</summary>
    public static bool LostARace(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is ConcurrencyException or DocumentAlreadyExistsException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
                || StreamStartedFirst(x))
                return true;
        return false;
    }

    private static bool StreamStartedFirst(Exception x) =>
        x is JasperFx.Events.ExistingStreamIdCollisionException or ExistingStreamIdCollisionException
        || x is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } pg
        && (pg.ConstraintName ?? pg.TableName ?? "").Contains("mt_streams", StringComparison.Ordinal);
}
