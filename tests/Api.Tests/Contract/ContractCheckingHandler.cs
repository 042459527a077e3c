using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Contract;

/// <summary>
/// Sits between the tests' clients and the API: every answer to an <c>/api</c> route or a health probe must be one its operation documents,
/// in status, media type and body shape, or the request fails with what drifted. The whole suite's traffic is the check.
/// </summary>
public sealed class ContractCheckingHandler(HttpMessageHandler inner, Func<Task<OpenApiContract>> contract) : DelegatingHandler(inner)
{
    /// <summary>Set on a request whose query string is random on purpose: only its answer is checked.</summary>
    public static readonly HttpRequestOptionsKey<bool> QueryUnchecked = new("contract.query-unchecked");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Routing ignores a trailing slash, so the document does too.
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/health/", StringComparison.Ordinal)) return response;
        var method = request.Method.Method;
        var status = (int)response.StatusCode;
        var found = (await contract()).Find(method, path);
        if (found is null)
        {
            // An unknown route or method answers as the framework does; nothing else may exist outside the document.
            if (status is 401 or 404 or 405) return response;
            throw new ContractViolation($"{method} {path} answered {status} but the document has no such operation");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // A client that accepts no JSON gets what content negotiation leaves it; only the status is the contract's then.
        if (!AcceptsJson(request)) mediaType = null;
        JsonNode? body = null;
        if (mediaType is "application/json" or "application/problem+json" or "text/plain")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            body = mediaType == "text/plain" ? JsonValue.Create(text) : text.Length == 0 ? null : JsonNode.Parse(text);
        }
        if (response.Content.Headers.ContentLength == 0 && mediaType is null) mediaType = null;
        var errors = (await contract()).Check(found.Value.Operation, status, mediaType, body).ToList();
        // A request the route took must have sent only what the document says it takes; a refused one may send anything.
        if (status is >= 200 and < 300 && !(request.Options.TryGetValue(QueryUnchecked, out var random) && random)) errors.AddRange((await contract()).CheckQuery(found.Value.Operation, request.RequestUri.Query));
        if (errors.Count > 0)
            throw new ContractViolation($"{method} {found.Value.Template} ({found.Value.Operation["operationId"]}) answered {status}: "
                + string.Join("; ", errors.Take(5)));
        return response;
    }

    private static bool AcceptsJson(HttpRequestMessage request) =>
        !request.Headers.NonValidated.TryGetValues("Accept", out var accepted)
        || accepted.SelectMany(a => a.Split(',')).Select(a => a.Split(';')[0].Trim())
            .Any(a => a is "*/*" or "application/*" or "application/json" or "application/problem+json");
}

public sealed class ContractViolation(string message) : Exception(message);
