using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Registry.Api.Infrastructure.Contract;

/// <summary>
/// Every enum once in <c>components</c>, referenced wherever it is used: a property with a default or a list of an enum
/// would otherwise carry its own copy, and a generated client its own type per property.
/// </summary>
public static class SharedEnums
{
    private static readonly ConcurrentDictionary<string, string> NamesByValues = new();

    public static List<JsonNode> Describe(Type type)
    {
        var names = Enum.GetNames(type);
        NamesByValues.TryAdd(string.Join(',', names), type.Name);
        return names.Select(name => (JsonNode)JsonValue.Create(name)).ToList();
    }

    public static void Share(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        // A shared enum is its names only; a reference to it says whether null may stand in its place.
        foreach (var (name, schema) in schemas)
            if (schema is OpenApiSchema { Enum.Count: > 0 } component && NamesByValues.Values.Contains(name))
            {
                component.Type = JsonSchemaType.String;
                component.Enum = component.Enum.Where(v => v is not null).ToList();
            }
        foreach (var owner in schemas.Values.OfType<OpenApiSchema>().ToList())
        {
            foreach (var (name, property) in owner.Properties?.ToList() ?? [])
            {
                if (Shared(property, document) is { } shared) owner.Properties![name] = shared;
                else if (property is OpenApiSchema { Items: { } items } list && Shared(items, document) is { } sharedItems) list.Items = sharedItems;
            }
        }
    }

    /// <summary>A reference to the enum's shared component, made now when nothing has named the enum yet.</summary>
    public static IOpenApiSchema Reference(Type type, OpenApiDocument document) => Component(type.Name, Describe(type), document);

    /// <summary>The enum's component under its name, added unless present, and a reference to it.</summary>
    private static OpenApiSchemaReference Component(string name, List<JsonNode> values, OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(name, new OpenApiSchema { Type = JsonSchemaType.String, Enum = values });
        return new OpenApiSchemaReference(name, document);
    }

    private static IOpenApiSchema? Shared(IOpenApiSchema schema, OpenApiDocument document)
    {
        if (schema is not OpenApiSchema { Enum.Count: > 0 } inline) return null;
        var values = inline.Enum.Where(v => v is not null).Select(v => v!.GetValue<string>()).ToList();
        if (!NamesByValues.TryGetValue(string.Join(',', values), out var name)) return null;
        var reference = Component(name, values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(), document);
        return inline.Type?.HasFlag(JsonSchemaType.Null) == true
            ? new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] }
            : reference;
    }
}
