using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure.Contract;

/// <summary>
/// Each path and query parameter's shape, meaning and example, from the route's <see cref="ParamAttribute"/>s and
/// <see cref="PagedAttribute"/>, else from the few names that mean the same on every route.
/// </summary>
public static class ParameterContract
{
    private const string Household = "0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e11";

    private static readonly Dictionary<string, ParamAttribute> Shared = new[]
    {
        new ParamAttribute("org", ParamShape.UnitCode, "The unit to read: a village's, town's or district's 12-digit code, inside the caller's own; the caller's unit when absent."),
        new ParamAttribute("code", ParamShape.UnitCode, "The unit's 12-digit division code."),
    }.ToDictionary(p => p.Name);

    public static void Describe(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {
        if (operation.Parameters is not { Count: > 0 } parameters) return;
        var byCursor = parameters.Any(p => p.Name == "after");
        var declared = metadata.OfType<PagedAttribute>().SelectMany(p => p.Params(byCursor))
            .Concat(metadata.OfType<ParamAttribute>())
            .GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last());
        foreach (var parameter in parameters.OfType<OpenApiParameter>().Where(p => p.In is ParameterLocation.Query or ParameterLocation.Path))
        {
            var name = parameter.Name!;
            if (declared.TryGetValue(name, out var param) || Shared.TryGetValue(name, out param))
            {
                parameter.Schema = Schema(param, document);
                parameter.Description = param.Description;
                parameter.Example = Example(param);
                if (param.Required) parameter.Required = true;
            }
            else if (parameter.Schema is OpenApiSchema { Format: "uuid" })
            {
                parameter.Description = name == "id" ? "The id of the record the path names." : $"The {name[..^2]}'s id.";
                parameter.Example = Household;
            }
            else if (parameter.Schema is OpenApiSchema { Format: "int32" } && name == "year")
            {
                // The framework also reads a year from text; the route means a whole year.
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = RegistryCalendar.FirstYear.ToString(CultureInfo.InvariantCulture) };
                parameter.Description = "The year.";
                parameter.Example = 2020;
            }
        }
    }

    private static IOpenApiSchema Schema(ParamAttribute param, OpenApiDocument document) => param.Shape switch
    {
        ParamShape.Enum => SharedEnums.Reference(param.EnumType!, document),
        ParamShape.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
        ParamShape.Instant => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        ParamShape.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        ParamShape.Whole => new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int64",
            Minimum = param.Minimum.ToString(CultureInfo.InvariantCulture),
            Maximum = param.Maximum > 0 ? param.Maximum.ToString(CultureInfo.InvariantCulture) : null,
        },
        ParamShape.Uuid => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
        ParamShape.UnitCode => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{12}$" },
        _ => new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MaxLength = param.MaxLength > 0 ? param.MaxLength : null,
            Enum = param.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        },
    };

    private static JsonNode Example(ParamAttribute param) => param.Shape switch
    {
        ParamShape.Whole => long.Parse(param.Example ?? param.Minimum.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        ParamShape.Boolean => bool.Parse(param.Example ?? "true"),
        ParamShape.Enum => param.Example ?? Enum.GetNames(param.EnumType!)[0],
        ParamShape.Date => param.Example ?? "2020-11-01",
        ParamShape.Instant => param.Example ?? "2020-11-01T00:00:00Z",
        ParamShape.Uuid => param.Example ?? Household,
        ParamShape.UnitCode => param.Example ?? "500101120001",
        _ => param.Example ?? throw new InvalidOperationException($"Parameter {param.Name} is free text and needs an example."),
    };
}
