using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// What a write answers (status, body, the version it left as ETag, where the new resource lives) and why it was made:
/// the reason is stored with every event the write appends.
/// </summary>
public sealed record WriteAnswer(int Status, object Body, long? Version, string? Location = null, string? Reason = null) : IResult
{
    public static WriteAnswer Ok(object body, long version, string? reason = null) => new(StatusCodes.Status200OK, body, version, Reason: reason);

    public static WriteAnswer Created(object body, long version, string location, string? reason = null) =>
        new(StatusCodes.Status201Created, body, version, location, reason);

    public string? ETag => Version is { } v ? $"\"{v}\"" : null;

    /// <summary>The answer to remember under the request's Idempotency-Key, in the write's own transaction; null without a key.</summary>
    public IdempotentResponse? RememberedFor(HttpContext http) =>
        RequestContext.IdempotencyKey(http) is { } key ? Remember(http, key, Status, Body, ETag, Location) : null;

    /// <summary>An answer kept under the user's key, with the request it answered (<see cref="RequestFingerprint"/>).</summary>
    public static IdempotentResponse Remember(HttpContext http, string key, int status, object body, string? etag, string? location) =>
        new(IdempotentResponse.KeyOf(Actor.From(http.User).UserId, key), status, Serialize(http, body), etag, location,
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), RequestFingerprint.Of(http));

    public Task ExecuteAsync(HttpContext http) => Replay(http, Status, Serialize(http, Body), ETag, Location);

    private static string Serialize(HttpContext http, object body) =>
        JsonSerializer.Serialize(body, body.GetType(), http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

    /// <summary>
    /// The first answer to a request sent again with the same Idempotency-Key, unchecked: answered only through
    /// <see cref="RequestFingerprint.Replay"/>, which first makes sure the request is the one it answered.
    /// </summary>
    internal static IResult Replay(IdempotentResponse first) => new Replayed(first);

    private static async Task Replay(HttpContext http, int status, string body, string? etag, string? location)
    {
        http.Response.StatusCode = status;
        if (etag is not null) http.Response.Headers.ETag = etag;
        if (location is not null) http.Response.Headers.Location = location;
        http.Response.ContentType = status >= StatusCodes.Status400BadRequest ? "application/problem+json" : "application/json; charset=utf-8";
        await http.Response.WriteAsync(body);
    }

    private sealed class Replayed(IdempotentResponse first) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => Replay(http, first.Status, first.Body, first.ETag, first.Location);
    }
}
