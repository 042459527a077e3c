using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Registry.Api.Bulk;

/// <summary>
/// POST /api/imports reads its multipart body itself, to enforce the size limit before reading, so the OpenAPI document
/// is told about the file field here; Swagger UI then offers a file picker.
/// </summary>
public static class ImportOpenApi
{
    public static void Describe(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        if (context.Description.HttpMethod == HttpMethods.Post && context.Description.RelativePath?.TrimEnd('/') == "api/imports")
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "One .xlsx or .csv spreadsheet of at most 20 MB; see GET /api/imports/template.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    },
                },
            };
        return Task.CompletedTask;
    });
}
