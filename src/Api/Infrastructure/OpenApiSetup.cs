using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Infrastructure;

public static class OpenApiSetup
{
    private static readonly (string Prefix, string Tag)[] Areas =
    [
        ("api/households/{id}/procedures", "Procedures"),
        ("api/households/{id}/flags", "Procedures"),
        ("api/households/{id}/corrections", "Data quality"),
        ("api/households", "Households"),
        ("api/persons", "Households"),
        ("api/procedures", "Procedures"),
        ("api/monitoring", "Procedures"),
        ("api/audit", "Accountability"),
        ("api/submissions", "Accountability"),
        ("api/problems", "Data quality"),
        ("api/data-quality", "Data quality"),
        ("api/campaigns", "Data quality"),
        ("api/imports", "Bulk data"),
        ("api/exports", "Bulk data"),
        ("api/auth", "Identity"),
        ("api/statistics", "Statistics"),
        ("api/reports", "Statistics"),
        ("api/", "Reference data"),
    ];

    public static void AddRegistryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var path = context.Description.RelativePath ?? "";
            var tag = Areas.FirstOrDefault(a => path.StartsWith(a.Prefix, StringComparison.Ordinal)).Tag ?? "Other";
            operation.Tags = new HashSet<OpenApiTagReference> { new(tag) };
            await OperationContract.Describe(operation, context, ct);
        }).AddSchemaTransformer((schema, context, _) =>
        {
            // The strict enum converter is opaque to the schema exporter: say what it accepts, the English names.
            var nullable = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type);
            var type = nullable ?? context.JsonTypeInfo.Type;
            if (type.IsEnum)
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = SharedEnums.Describe(type);
                // A shared component stays a plain enum (a reference to it says null itself); a property's own copy says it may be null.
                if (nullable is not null && context.JsonPropertyInfo is not null)
                {
                    schema.Type |= JsonSchemaType.Null;
                    schema.Enum.Add(null!);
                }
            }
            else if (type == typeof(DateTimeOffset))
            {
                // UtcInstantConverter is opaque to the exporter as well: an instant is an RFC 3339 string.
                schema.Type = nullable is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = "date-time";
            }
            else if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && schema.Required is { Count: > 0 } required)
            {
                // A field that may be null may be left out: the route says which ones it needs, with a problem per missing field.
                foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsSetNullable)) required.Remove(property.Name);
            }
            else if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is null && ElementOf(type) is { IsEnum: true } element)
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = SharedEnums.Describe(element) };
            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Poverty-alleviation target registry";
            document.Info.Contact = new OpenApiContact { Name = "The district poverty-alleviation office that runs this registry (区扶贫办)" };
            document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document" }];
            document.Info.Description = "Event-sourced registry of poor, exited and monitored households. Mint a token at POST /api/auth/dev-token, then Authorize with it.";
            document.Tags = Areas.Select(a => a.Tag).Distinct().Select(t => new OpenApiTag { Name = t }).ToHashSet();
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from POST /api/auth/dev-token (development) or the identity provider.",
            };
            OperationContract.Secure(document);
            Liveness.HealthRoutes.Describe(document);
            SharedEnums.Share(document);
            return Task.CompletedTask;
        }));

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    public static void UseRegistrySwaggerUi(this WebApplication app) =>
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "Registry v1");
            ui.RoutePrefix = "swagger";
        });
}
