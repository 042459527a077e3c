using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Fixtures;

public sealed record ApiRoute(string Method, string Pattern, IReadOnlyList<string> Parameters, bool Anonymous)
{
    public string Key => $"{Method} {Pattern}";

    public override string ToString() => Key;

    public string Url(Func<string, string> valueOf) =>
        Parameters.Aggregate(Pattern, (url, name) => url.Replace("{" + name + "}", Uri.EscapeDataString(valueOf(name))));
}

/// <summary>Every route the running application maps, read from its endpoint data sources.</summary>
public static class RouteTable
{
    public static IReadOnlyList<ApiRoute> From(IServiceProvider services) => services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            new ApiRoute(method, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.RoutePattern.Parameters.Select(p => p.Name).ToList(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
        .DistinctBy(r => r.Key)
        .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
        .ToList();
}
