using Registry.Api.Infrastructure;

namespace Registry.Api.Hardening;

/// <summary>
/// Every JSON body the API takes is an object. A body of "null" would otherwise reach an endpoint as a null request and fail
/// there, so it is refused up front; other non-objects already fail deserialisation with 400.
/// </summary>
public static class JsonBodyShape
{
    private const int Peek = 4096;

    public static async Task RequireObject(HttpContext http, Func<Task> next)
    {
        var request = http.Request;
        if (request.ContentLength == 0 || !HasBody(request.Method) || !IsJson(request.ContentType))
        {
            await next();
            return;
        }
        request.EnableBuffering();
        var first = await FirstSignificantByte(request.Body, http.RequestAborted);
        request.Body.Position = 0;
        if (first == (byte)'n')
        {
            await Problems.Result(StatusCodes.Status400BadRequest, "request.malformed", "The request body is a JSON object, not null.").ExecuteAsync(http);
            return;
        }
        await next();
    }

    private static bool HasBody(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);

    /// <summary>The same test Wolverine applies before it reads a body as JSON (no content type counts as JSON).</summary>
    private static bool IsJson(string? contentType) => string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/json", StringComparison.Ordinal)
        || contentType.StartsWith("text/json", StringComparison.Ordinal) || contentType.Contains("*/*", StringComparison.Ordinal)
        || contentType.Contains("+json", StringComparison.Ordinal);

    private static async Task<byte?> FirstSignificantByte(Stream body, CancellationToken ct)
    {
        var buffer = new byte[Peek];
        var total = 0;
        while (total < Peek)
        {
            var read = await body.ReadAsync(buffer.AsMemory(total), ct);
            if (read == 0) break;
            for (var i = total; i < total + read; i++)
                if (buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)) return buffer[i];
            total += read;
        }
        return null;
    }
}
