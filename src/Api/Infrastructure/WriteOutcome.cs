using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registry.Api.Infrastructure;

/// <summary>A successful write's answer, in a form that can be replayed for an idempotent retry.</summary>
public sealed record WriteOutcome(int Status, object Body, long? Version = null, string? Location = null)
{
    public string ETag => Version is { } v ? $"\"{v}\"" : "";

    public string SerializeBody(JsonSerializerOptions options) => JsonSerializer.Serialize(Body, Body.GetType(), options);

    public static IResult Replay(IdempotentResponse stored) => new ReplayResult(stored);

    public IResult ToResult(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new ReplayResult(new IdempotentResponse("", Status, SerializeBody(options), Version is null ? null : ETag, Location, default));
    }

    private sealed class ReplayResult(IdempotentResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = response.Status;
            if (response.ETag is { } etag) http.Response.Headers.ETag = etag;
            if (response.Location is { } location) http.Response.Headers.Location = location;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(response.Body);
        }
    }
}
