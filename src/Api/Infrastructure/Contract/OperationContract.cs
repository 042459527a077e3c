using System.Globalization;
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

    public static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        // The framework's description is the route id; the summary says what the operation does.
        if (operation.Description is { } d && d.Contains('_') && !d.Contains(' ')) operation.Description = null;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[AnonymousMarker] = new JsonNodeExtension(true);
        }
        var serializer = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body")?.Type;
        if (body is not null && RequestExamples.ByType.TryGetValue(body, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            // An example shows what a client sends: the fields it fills in, not the ones it leaves out.
            var json = new JsonSerializerOptions(serializer) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
            media.Example = JsonSerializer.SerializeToNode(example, body, json);
        }
        ParameterContract.Describe(operation, metadata, context.Document!);
        if (operation.Parameters is not { Count: > 0 } && (body is null || operation.RequestBody?.Content?.ContainsKey("application/json") != true))
            ExampleAnswer(operation, context, serializer);
        if (metadata.OfType<Writing.WriteRoute>().Any())
            DescribeWrite(operation, checksIfMatch: metadata.Contains(Writing.WriteRoute.OnStream), versioned: !metadata.Contains(Writing.WriteRoute.Unversioned));
        DescribeJob(operation);
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse success) return;
        success.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (metadata.OfType<AnswersVersionAttribute>().Any())
        {
            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            success.Headers["ETag"] = new OpenApiHeader { Description = "The version read, quoted: send it back as If-Match.", Schema = Text };
        }
        if (metadata.OfType<AnswersNextPageAttribute>().Any())
        {
            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            success.Headers["Link"] = new OpenApiHeader
            {
                Description = "While a following page exists: its address, as <…>; rel=\"next\" (RFC 8288).", Schema = Text,
            };
        }
        if (metadata.OfType<AnswersOneOfAttribute>().FirstOrDefault() is { } oneOf)
        {
            var alternatives = new List<IOpenApiSchema>();
            foreach (var type in oneOf.Types) alternatives.Add(await Named(type, context, ct));
            success.Content["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchema { OneOf = alternatives } };
        }
        if (metadata.OfType<AnswersSheetsAttribute>().Any())
            foreach (var sheet in SheetTypes)
                success.Content[sheet] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
    }

    /// <summary>An operation that takes nothing a client fills in shows what it answers instead.</summary>
    private static void ExampleAnswer(OpenApiOperation operation, OpenApiOperationTransformerContext context, JsonSerializerOptions serializer)
    {
        foreach (var answer in context.Description.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300 && r.Type is not null))
            if (ResponseExamples.ByType.TryGetValue(answer.Type!, out var make)
                && operation.Responses?.TryGetValue(answer.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) == true
                && response.Content?.TryGetValue("application/json", out var media) == true)
                media.Example = JsonSerializer.SerializeToNode(make(), answer.Type!, serializer);
    }

    /// <summary>
    /// The headers every write route takes and answers with (API.md: versions, idempotency, correlation), which the endpoint
    /// metadata does not carry: the same for every write, so said here once.
    /// </summary>
    private static void DescribeWrite(OpenApiOperation operation, bool checksIfMatch, bool versioned)
    {
        operation.Parameters ??= [];
        foreach (var (name, description) in WriteRequestHeaders.Where(h => checksIfMatch || h.Name != "If-Match"))
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = Text });
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status[0] != '2' && response is OpenApiResponse refused)
            {
                // A refusal echoes the correlation id too, so a client can find the attempt in the server's logs.
                refused.Headers ??= new Dictionary<string, IOpenApiHeader>();
                refused.Headers["X-Correlation-Id"] = new OpenApiHeader { Description = "The request's correlation id, as sent or as made.", Schema = Text };
            }
            if (status[0] != '2' || response is not OpenApiResponse success) continue;
            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            // A background job (202) is no stream: it answers no version (DescribeJob).
            if (status != "202" && versioned)
                success.Headers["ETag"] = new OpenApiHeader { Description = "The stream's version after the write, quoted: send it back as If-Match.", Schema = Text };
            success.Headers["X-Correlation-Id"] = new OpenApiHeader { Description = "The correlation id the write's events are stored with.", Schema = Text };
            if (status == "201") success.Headers["Location"] = new OpenApiHeader { Description = "Where the new record is read.", Schema = Text };
        }
    }

    /// <summary>A route that starts a background job (an import, an export, a cleaning run, a verification) answers where to follow it.</summary>
    private static void DescribeJob(OpenApiOperation operation)
    {
        if (operation.Responses?.TryGetValue("202", out var answer) != true || answer is not OpenApiResponse accepted) return;
        accepted.Headers ??= new Dictionary<string, IOpenApiHeader>();
        accepted.Headers["Location"] = new OpenApiHeader { Description = "Where the job's progress is read.", Schema = Text };
        accepted.Headers["X-Correlation-Id"] = new OpenApiHeader { Description = "The correlation id the job's work is stored with.", Schema = Text };
    }

    private static readonly (string Name, string Description)[] WriteRequestHeaders =
    [
        ("If-Match", "The version the write is decided on, quoted (\"3\"): a stale one answers 409 concurrency.version-conflict and changes nothing."),
        ("Idempotency-Key", "Any string of at most 200 characters: the same key from the same user within 24 hours answers the first answer again and records nothing more; sent with another request (another route, or another JSON body), 422 idempotency.key-reused."),
        ("X-Correlation-Id", "Stored with what the write records (its events) and returned; one is made when none is sent. At most 200 visible ASCII characters, no spaces: another answers 400 request.correlation-id."),
    ];

    private static OpenApiSchema Text => new() { Type = JsonSchemaType.String };

    private static readonly string[] SheetTypes = ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];

    /// <summary>A type's schema as a component of its own, referenced by name.</summary>
    private static async Task<IOpenApiSchema> Named(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + "Of" + string.Concat(type.GetGenericArguments().Select(a => a.Name)) : type.Name;
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
            document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(type, null, ct);
        return new OpenApiSchemaReference(name, document);
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
