using System.Net.Sockets;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.People;

namespace Registry.Api.Infrastructure;

/// <summary>Turns every failure a client can cause into a problem document; nothing leaks a stack trace.</summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var result = Map(exception);
        if (SqlState(exception) == PostgresErrorCodes.QueryCanceled)
            // Answered 503, but a statement the database keeps cancelling (its statement_timeout) is the operator's to see.
            logger.LogWarning(exception, "Statement cancelled by the database on {Method} {Route}", context.Request.Method, RouteOf(context));
        if (result is null)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Route}", context.Request.Method, RouteOf(context));
            result = Problems.Result(500, "server.error", "The server failed to process the request; the failure was logged.");
        }
        if (context.Response.HasStarted) return true;
        context.Response.Clear();
        RequestContext.EchoCorrelation(context);
        await result.ExecuteAsync(context);
        return true;
    }

    // The route pattern, not the path: a path may carry an ID number (GET /api/persons/{idNumber}).
    private static string RouteOf(HttpContext context) =>
        ((context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint()) as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    /// <summary>A stream named by its subject (a unit's code) that a concurrent request started first, met with If-Match.</summary>
    private static IResult StartedConcurrently => Problems.Result(409, "concurrency.version-conflict", "A concurrent request started it first; read it again.");

    public static IResult? Map(Exception exception) => exception switch
    {
        DomainRefusal refusal => Problems.From(refusal),
        _ when PersonClaimLookup.ClaimedFirst(exception) => Problems.Result(422, PersonClaims.Code, "A person in this request already belongs to another household."),
        ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => StartedConcurrently,
        ConcurrencyException => Problems.Result(409, "concurrency.version-conflict", "The household changed since the version you sent; read it again."),
        // 409 is for versions alone: a duplicate is a rule of the registry.
        DocumentAlreadyExistsException => Problems.Result(422, "conflict.duplicate", "The resource already exists."),
        BadHttpRequestException { StatusCode: 413 } => Problems.Result(413, "request.too-large", "The request body is too large."),
        BadHttpRequestException bad => Problems.Result(400, "request.malformed", Describe(bad)),
        JsonException json => Problems.Result(400, "request.malformed", Describe(json)),
        FormatException or InvalidCastException or OverflowException => Problems.Result(400, "request.malformed", "A value in the request has the wrong format."),
        _ when UniqueViolation(exception) is { } constraint => constraint.Contains("mt_streams", StringComparison.Ordinal)
            ? StartedConcurrently
            : Problems.Result(422, "conflict.duplicate", "The resource already exists."),
        _ when SqlState(exception) is PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            Problems.Result(400, "request.invalid-characters", "The request holds characters that cannot be stored, such as NUL."),
        _ when IsDatabaseUnavailable(exception) => Problems.Result(503, "service.database-unavailable", "The database is unavailable; try again shortly."),
        AggregateException { InnerExceptions.Count: 1 } agg => Map(agg.InnerExceptions[0]),
        _ when exception.InnerException is { } inner && inner is DomainRefusal or JsonException or ConcurrencyException or DocumentAlreadyExistsException
            or BadHttpRequestException => Map(inner),
        _ => null,
    };

    private static string Describe(Exception e)
    {
        var json = e as JsonException ?? e.InnerException as JsonException;
        return json?.Path is { Length: > 0 } path ? $"The JSON body is malformed at {path}." : "The request body is malformed or has an unknown value.";
    }

    private static string? UniqueViolation(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg) return pg.ConstraintName ?? pg.TableName ?? "";
        return null;
    }

    private static string? SqlState(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException pg) return pg.SqlState;
        return null;
    }

    private static bool IsDatabaseUnavailable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is NpgsqlException { IsTransient: true } or SocketException or TimeoutException) return true;
            // 57014: a statement cancelled by the database, such as by its statement_timeout.
            if (x is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled }) return true;
        }
        return false;
    }
}
