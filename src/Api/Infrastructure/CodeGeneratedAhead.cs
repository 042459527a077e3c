using System.Reflection;
using Wolverine.Http;
using Wolverine.Runtime;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Outside Development Wolverine knows only the routes and message handlers whose code was generated ahead (its static
/// registries in <c>Internal/Generated</c>): one added without running <c>scripts/codegen.sh</c> would be missing there, a
/// route answering 404 and a message finding no handler. The service refuses to start instead, naming them. Registered
/// after Wolverine, so its handlers are known when this starts.
/// </summary>
public sealed class CodeGeneratedAhead(EndpointDataSource endpoints, IWolverineRuntime wolverine) : IHostedService
{
    private static readonly string[] HandlerMethods = ["Handle", "HandleAsync"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var mapped = endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => Route(method, e.RoutePattern.RawText ?? "")))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var handled = ((WolverineRuntime)wolverine).Handlers.Chains.Select(c => c.MessageType).ToHashSet();
        var missing = DeclaredRoutes().Where(route => !mapped.Contains(route))
            .Concat(DeclaredMessages().Where(message => !handled.Contains(message)).Select(message => $"the handler of {message.Name}"))
            .ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"No generated code for: {string.Join(", ", missing)}. Run scripts/codegen.sh and build again.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<MethodInfo> Methods() => typeof(CodeGeneratedAhead).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith("Internal.Generated", StringComparison.Ordinal) != true)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly));

    /// <summary>Every route the API's endpoint classes declare.</summary>
    private static IEnumerable<string> DeclaredRoutes() => Methods()
        .SelectMany(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>())
        .Select(a => Route(a.HttpMethod, a.Template));

    /// <summary>The messages of the API's handler classes, named and shaped by Wolverine's conventions.</summary>
    private static IEnumerable<Type> DeclaredMessages() => Methods()
        .Where(m => m.DeclaringType!.Name.EndsWith("Handler", StringComparison.Ordinal) && HandlerMethods.Contains(m.Name) && m.GetParameters().Length > 0)
        .Select(m => m.GetParameters()[0].ParameterType)
        .Distinct();

    private static string Route(string method, string template) => $"{method.ToUpperInvariant()} /{template.TrimStart('/')}";
}
