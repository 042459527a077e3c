using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Registry.Api.Infrastructure.Contract;

/// <summary>What the document says of each operation beyond what the endpoint metadata carries: an example body and its security.</summary>
public static class OperationContract
{
    private const string AnonymousMarker = "x-anonymous";

    public static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        // The framework's description is the route id; the summary says what the operation does.
        if (operation.Description is { } d && d.Contains('_') && !d.Contains(' ')) operation.Description = null;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[AnonymousMarker] = new JsonNodeExtension(true);
        }
        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body")?.Type;
        if (body is not null && RequestExamples.ByType.TryGetValue(body, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            // An example shows what a client sends: the fields it fills in, not the ones it leaves out.
            var json = new JsonSerializerOptions(context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions)
            {
                DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            };
            media.Example = JsonSerializer.SerializeToNode(example, body, json);
        }
    }

    /// <summary>Bearer on every operation but the anonymous ones, which say they need nothing.</summary>
    public static void Secure(OpenApiDocument document)
    {
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] };
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            var anonymous = operation.Extensions?.Remove(AnonymousMarker) == true;
            operation.Security = anonymous ? [] : [bearer];
        }
    }
}
