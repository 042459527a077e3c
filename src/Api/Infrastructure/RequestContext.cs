using Registry.Domain.Common;

namespace Registry.Api.Infrastructure;

/// <summary>Per-request values every write needs: correlation id, If-Match, Idempotency-Key.</summary>
public static class RequestContext
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private const string CorrelationItem = "correlation-id";
    private const string MalformedCorrelationItem = "correlation-id-malformed";

    public static string CorrelationId(HttpContext http) =>
        http.Items[CorrelationItem] as string ?? throw new InvalidOperationException("Correlation middleware did not run.");

    /// <summary>
    /// Takes the client's correlation id when it is well formed, else makes one, and echoes it back. A write refuses a malformed
    /// one instead (<see cref="RefuseMalformedCorrelation"/>), since it stores it with its events.
    /// </summary>
    public static Task AssignCorrelation(HttpContext http, Func<Task> next)
    {
        var sent = http.Request.Headers[CorrelationHeader].ToString();
        var wellFormed = WellFormedCorrelation(sent);
        var id = wellFormed ? sent : Guid.NewGuid().ToString("N");
        http.Items[CorrelationItem] = id;
        if (!wellFormed && sent.Length > 0) http.Items[MalformedCorrelationItem] = true;
        http.Response.Headers[CorrelationHeader] = id;
        Operations.TelemetrySetup.TagCorrelation(id);
        return next();
    }

    /// <summary>Echoes the request's correlation id again on a response whose headers were cleared (a refusal's problem).</summary>
    public static void EchoCorrelation(HttpContext http)
    {
        if (http.Items[CorrelationItem] is string id) http.Response.Headers[CorrelationHeader] = id;
    }

    /// <summary>The headers every write takes, checked before anything is decided: the Idempotency-Key it sent, if any.</summary>
    public static string? WriteHeaders(HttpContext http)
    {
        var key = IdempotencyKey(http);
        RefuseMalformedCorrelation(http);
        return key;
    }

    /// <summary>A write stores the correlation id it was sent and returns it: one it could not take is refused, not replaced.</summary>
    private static void RefuseMalformedCorrelation(HttpContext http)
    {
        if (http.Items.ContainsKey(MalformedCorrelationItem))
            throw DomainRefusal.Invalid(CorrelationHeader, "request.correlation-id",
                "An X-Correlation-Id has at most 200 characters, each a visible ASCII character (no spaces).");
    }

    private static bool WellFormedCorrelation(string sent) => sent.Length is > 0 and <= 200 && sent.All(c => c is > ' ' and <= '~');

    /// <summary>Whether the request names no version to write on: no If-Match, an empty one, or "*".</summary>
    public static bool NamesNoVersion(HttpContext http) => http.Request.Headers.IfMatch.ToString().Trim() is "" or "*";

    public static long? ExpectedVersion(HttpContext http)
    {
        if (NamesNoVersion(http)) return null;
        var raw = http.Request.Headers.IfMatch.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        return long.TryParse(raw, out var version) && version >= 0
            ? version
            : throw DomainRefusal.Invalid("If-Match", "request.if-match", "If-Match carries the quoted version number of the household, e.g. \"3\".");
    }

    public static string? IdempotencyKey(HttpContext http)
    {
        if (http.Request.Headers["Idempotency-Key"].ToString().Length == 0) return null;
        return ValidIdempotencyKey(http)
            ?? throw DomainRefusal.Invalid("Idempotency-Key", "request.idempotency-key", "An Idempotency-Key has at most 200 characters and no control characters.");
    }

    /// <summary>The Idempotency-Key when one is sent and well formed, else null.</summary>
    public static string? ValidIdempotencyKey(HttpContext http)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        return key.Length is > 0 and <= 200 && !key.Any(char.IsControl) ? key : null;
    }
}
