using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace Registry.Api.Liveness;

/// <summary>
/// The two probes a deployment asks, without a token: is the process up, and can it serve (<see cref="DatabaseHealthCheck"/>).
/// Each answers the health check's own plain-text status.
/// </summary>
public static class HealthRoutes
{
    private const string Tag = "Health";

    private static readonly Probe[] Probes =
    [
        new("/health/live", "healthLive", "Is the process up (存活检查)",
            "Answers 200 while the process runs and serves requests; it checks nothing else, so a restart is due only when this fails.",
            Check: _ => false, MayBeUnhealthy: false),
        new("/health/ready", "healthReady", "Can this node serve (就绪检查)",
            "Answers 200 when every database this node serves answers and none holds read models whose rebuild has not finished; "
            + "503 otherwise, and the node should then get no traffic.",
            Check: c => c.Tags.Contains("ready"), MayBeUnhealthy: true),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var probe in Probes)
            app.MapHealthChecks(probe.Path, new HealthCheckOptions { Predicate = probe.Check }).AllowAnonymous()
                .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
    }

    /// <summary>
    /// Adds the probes to the document: the health check middleware's endpoints carry no handler method, so the API explorer
    /// that describes every other route does not see them.
    /// </summary>
    public static void Describe(OpenApiDocument document)
    {
        document.Tags?.Add(new OpenApiTag { Name = Tag });
        foreach (var probe in Probes)
        {
            var responses = new OpenApiResponses { ["200"] = Answer("The status: the node is up, or can serve.", "Healthy") };
            if (probe.MayBeUnhealthy) responses["503"] = Answer("The status, Unhealthy: the node cannot serve now.", "Unhealthy");
            var operation = new OpenApiOperation
            {
                OperationId = probe.OperationId,
                Summary = probe.Summary,
                Description = probe.Description,
                Tags = new HashSet<OpenApiTagReference> { new(Tag) },
                Responses = responses,
                Security = [],
            };
            document.Paths[probe.Path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
        }
    }

    private static OpenApiResponse Answer(string description, string status) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new()
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(status)] },
                Example = JsonValue.Create(status),
            },
        },
    };

    private sealed record Probe(string Path, string OperationId, string Summary, string Description, Func<HealthCheckRegistration, bool> Check,
        bool MayBeUnhealthy);
}
