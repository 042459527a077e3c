using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Contract;

/// <summary>
/// The part of JSON Schema (2020-12, as OpenAPI 3.1 documents use it) that the registry's document uses: references,
/// types, enums, properties, items, additional properties and the combinators. A property the schema does not name is
/// an error: a body that says more than its schema is a contract that drifted.
/// With <paramref name="instantsInUtc"/> (the API's answers), an instant must be written in UTC with a <c>Z</c>, as the contract
/// writes it; what a client sends may carry any offset.
/// </summary>
public sealed class SchemaCheck(JsonObject document, bool instantsInUtc = false)
{
    public void Validate(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Validate(value, Resolve(reference), path, errors);
            return;
        }
        if (schema["allOf"] is JsonArray all)
            foreach (var part in all) Validate(value, (JsonObject)part!, path, errors);
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray any && !any.Any(part => Passes(value, (JsonObject)part!, path)))
            errors.Add($"{path}: matches none of its alternatives");
        if (schema["type"] is { } type && !TypeNames(type).Contains(KindOf(value)))
        {
            if (!(KindOf(value) == "integer" && TypeNames(type).Contains("number")))
                errors.Add($"{path}: is {KindOf(value)}, documented as {type.ToJsonString()}");
            return;
        }
        if (schema["enum"] is JsonArray values && value is not null && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: {value.ToJsonString()} is not one of {values.ToJsonString()}");
        Constraints(value, schema, path, errors);
        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject;
                foreach (var (name, child) in obj)
                {
                    if (properties?[name] is JsonObject propertySchema) Validate(child, propertySchema, $"{path}.{name}", errors);
                    else if (schema["additionalProperties"] is JsonObject extra) Validate(child, extra, $"{path}.{name}", errors);
                    else if (properties is not null && schema["additionalProperties"] is null) errors.Add($"{path}.{name}: is not documented");
                }
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++) Validate(array[i], items, $"{path}[{i}]", errors);
                break;
        }
    }

    /// <summary>Bounds, lengths, patterns and the formats the document names.</summary>
    private void Constraints(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (value?.GetValueKind() == JsonValueKind.Number)
        {
            var number = decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (schema["minimum"] is { } min && number < Decimal(min)) errors.Add($"{path}: {number} is below the minimum {min}");
            if (schema["maximum"] is { } max && number > Decimal(max)) errors.Add($"{path}: {number} is above the maximum {max}");
        }
        if (value?.GetValueKind() != JsonValueKind.String) return;
        var text = value.GetValue<string>();
        if (schema["maxLength"] is { } length && text.Length > length.GetValue<int>()) errors.Add($"{path}: is longer than {length}");
        if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>())) errors.Add($"{path}: '{text}' does not match {pattern}");
        var fits = schema["format"]?.GetValue<string>() switch
        {
            "uuid" => Guid.TryParse(text, out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && (!instantsInUtc || text.EndsWith('Z')),
            _ => true,
        };
        if (!fits) errors.Add($"{path}: '{text}' is not a {schema["format"]}");
    }

    private static decimal Decimal(JsonNode bound) => bound.GetValueKind() == JsonValueKind.String
        ? decimal.Parse(bound.GetValue<string>(), CultureInfo.InvariantCulture)
        : bound.GetValue<decimal>();

    private bool Passes(JsonNode? value, JsonObject schema, string path)
    {
        var errors = new List<string>();
        Validate(value, schema, path, errors);
        return errors.Count == 0;
    }

    public JsonObject Resolve(string reference)
    {
        JsonNode node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/')) node = node[part]!;
        return (JsonObject)node;
    }

    public static HashSet<string> TypeNames(JsonNode type) =>
        type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToHashSet() : [type.GetValue<string>()];

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().Contains('.') || value.ToJsonString().Contains('e') ? "number" : "integer",
        _ => "unknown",
    };
}
