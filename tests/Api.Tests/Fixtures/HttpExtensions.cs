using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Fixtures;

public static class HttpExtensions
{
    public static async Task<JsonNode> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty body");
    }

    /// <summary>Asserts the status and, for problems, the stable code; returns the body.</summary>
    public static async Task<JsonNode> ShouldBe(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json") == true;
        var body = text.Length == 0 || !isJson ? new JsonObject() : JsonNode.Parse(text)!;
        if (code is not null)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            body["code"]?.GetValue<string>().ShouldBe(code, text);
        }
        return body;
    }

    /// <summary>The person look-up: the ID number travels in the body.</summary>
    public static Task<HttpResponseMessage> LookUp(this HttpClient client, string idNumber) =>
        client.PostAsJsonAsync("/api/persons/lookup", new { idNumber });

    public static Task<HttpResponseMessage> Patch<T>(this HttpClient client, string url, T body) =>
        client.PatchAsJsonAsync(url, body);

    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null,
        IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
