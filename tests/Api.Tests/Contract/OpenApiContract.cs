using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Registry.Api.Tests.Contract;

/// <summary>The served OpenAPI document, indexed to find the operation a request took and to check an answer against it.</summary>
public sealed class OpenApiContract(JsonObject document)
{
    private readonly (string Method, Regex Path, string Template, JsonObject Operation)[] _operations =
        ((JsonObject)document["paths"]!).SelectMany(path => ((JsonObject)path.Value!).Select(op => (
            Method: op.Key.ToUpperInvariant(),
            Path: new Regex("^" + Regex.Replace(Regex.Escape(path.Key), @"\\\{[^}]+}", "[^/]+") + "$"),
            Template: path.Key,
            Operation: (JsonObject)op.Value!))).ToArray();

    public JsonObject Document { get; } = document;

    public IEnumerable<(string Method, string Template, JsonObject Operation)> Operations =>
        _operations.Select(o => (o.Method, o.Template, o.Operation));

    /// <summary>The operation for a request, preferring a literal segment over a parameter (<c>/export</c> over <c>/{id}</c>).</summary>
    public (string Template, JsonObject Operation)? Find(string method, string path) =>
        _operations.Where(o => o.Method == method && o.Path.IsMatch(path))
            .OrderBy(o => o.Template.Count(c => c == '{'))
            .Select(o => ((string Template, JsonObject Operation)?)(o.Template, o.Operation))
            .FirstOrDefault();

    /// <summary>What is wrong with one answer, or nothing.</summary>
    public IReadOnlyList<string> Check(JsonObject operation, int status, string? mediaType, JsonNode? body)
    {
        var responses = (JsonObject)operation["responses"]!;
        var response = responses[status.ToString()] ?? responses["default"];
        if (response is null) return [$"status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        if (mediaType is null) return [];
        if (response["content"] is not JsonObject content) return [$"status {status} is documented without a body but answered {mediaType}"];
        if (content[mediaType] is not JsonObject media)
            return [$"status {status} answered {mediaType}; documented: {string.Join(", ", content.Select(c => c.Key))}"];
        if (body is null || media["schema"] is not JsonObject schema) return [];
        var errors = new List<string>();
        new SchemaCheck(Document, instantsInUtc: true).Validate(body, schema, "$", errors);
        return errors;
    }

    /// <summary>What is wrong with a request's query string: a parameter the operation does not document, or a value its schema refuses.</summary>
    public IReadOnlyList<string> CheckQuery(JsonObject operation, string query)
    {
        var errors = new List<string>();
        var checker = new SchemaCheck(Document);
        var documented = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(p => p["in"]?.GetValue<string>() == "query").ToDictionary(p => p["name"]!.GetValue<string>());
        foreach (var (name, values) in QueryHelpers.ParseQuery(query))
        {
            if (!documented.TryGetValue(name, out var parameter))
            {
                errors.Add($"query parameter {name} is not documented");
                continue;
            }
            var schema = (JsonObject)parameter["schema"]!;
            foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
                checker.Validate(Typed(checker, value!, schema), schema, $"?{name}", errors);
        }
        return errors;
    }

    /// <summary>A query value as the JSON value its schema describes, or as text where it is not one.</summary>
    private static JsonNode Typed(SchemaCheck checker, string value, JsonObject schema)
    {
        var types = (schema["$ref"] is { } reference ? checker.Resolve(reference.GetValue<string>()) : schema)["type"] is { } type
            ? SchemaCheck.TypeNames(type) : [];
        if (types.Contains("integer") && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var whole)) return whole;
        if (types.Contains("boolean") && value is "true" or "false") return value == "true";
        return value;
    }
}
