using System.Text.Json.Nodes;
using Microsoft.OpenApi;

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
        ("api/auth", "Identity"),
        ("api/statistics", "Statistics"),
        ("api/reports", "Statistics"),
        ("api/", "Reference data"),
    ];

    public static void AddRegistryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
        {
            var path = context.Description.RelativePath ?? "";
            var tag = Areas.FirstOrDefault(a => path.StartsWith(a.Prefix, StringComparison.Ordinal)).Tag ?? "Other";
            operation.Tags = new HashSet<OpenApiTagReference> { new(tag) };
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            // The strict enum converter is opaque to the schema exporter: say what it accepts, the English names.
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsEnum)
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
            }
            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Poverty-alleviation target registry";
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
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));

    public static void UseRegistrySwaggerUi(this WebApplication app) =>
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "Registry v1");
            ui.RoutePrefix = "swagger";
        });
}
