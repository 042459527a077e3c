using System.Reflection;
using Wolverine.Http;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Outside Development Wolverine maps only the routes whose code was generated ahead (its static registry in
/// <c>Internal/Generated</c>): a route added without running <c>scripts/codegen.sh</c> would be missing there and answer
/// 404. The service refuses to start instead, naming the routes.
/// </summary>
public sealed class RoutesGeneratedAhead(EndpointDataSource endpoints) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var mapped = endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => Key(method, e.RoutePattern.RawText ?? "")))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = Declared().Where(route => !mapped.Contains(route)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"These routes have no generated code and are not mapped: {string.Join(", ", missing)}. Run scripts/codegen.sh and build again.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every route the API's endpoint classes declare.</summary>
    public static IEnumerable<string> Declared() => typeof(RoutesGeneratedAhead).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .SelectMany(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>())
        .Select(a => Key(a.HttpMethod, a.Template));

    private static string Key(string method, string template) => $"{method.ToUpperInvariant()} /{template.TrimStart('/')}";
}
