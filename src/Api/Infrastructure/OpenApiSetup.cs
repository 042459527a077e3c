using Microsoft.OpenApi;

namespace Registry.Api.Infrastructure;

public static class OpenApiSetup
{
    public static void AddRegistryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Poverty-alleviation target registry";
            document.Info.Description = "Event-sourced registry of poor, exited and monitored households. Mint a token at POST /api/auth/dev-token, then Authorize with it.";
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
