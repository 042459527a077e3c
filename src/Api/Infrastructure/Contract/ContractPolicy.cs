using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure.Writing;
using Wolverine.Http;

namespace Registry.Api.Infrastructure.Contract;

/// <summary>
/// Declares on every route the refusals it can answer, from what the route is: its method, whether it appends events, its route and query
/// parameters, its body and whether it needs a token. Success bodies are declared on each endpoint with
/// <see cref="ProducesResponseTypeAttribute"/>; the framework's guessed 200 and 404 are dropped where they do not apply.
/// </summary>
public sealed class ContractPolicy : IHttpPolicy
{
    public const string ProblemContentType = "application/problem+json";

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var method = chain.Method.Method;
            var refusals = RefusalsOf(chain, method);
            foreach (var status in refusals.Order())
                chain.Metadata.Produces<ProblemBody>(status, ProblemContentType);
            var declared = method.GetCustomAttributes<ProducesResponseTypeAttribute>().Select(a => a.StatusCode).ToHashSet();
            chain.Metadata.Finally(endpoint =>
            {
                if (!declared.Contains(StatusCodes.Status200OK)) endpoint.RemoveStatusCodeResponse(StatusCodes.Status200OK);
                if (!refusals.Contains(StatusCodes.Status404NotFound)) endpoint.RemoveStatusCodeResponse(StatusCodes.Status404NotFound);
                endpoint.RemoveStatusCodeResponse(StatusCodes.Status500InternalServerError);
            });
        }
    }

    private static HashSet<int> RefusalsOf(HttpChain chain, MethodInfo method)
    {
        var refusals = new HashSet<int>();
        var anonymous = method.GetCustomAttribute<AllowAnonymousAttribute>() is not null
            || method.DeclaringType?.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        var write = !chain.HttpMethods.Contains("GET");
        var parameters = chain.RoutePattern?.Parameters.Count ?? 0;
        var routeNames = chain.RoutePattern?.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var hasQuery = method.GetParameters().Any(p => (p.ParameterType == typeof(string) || p.ParameterType.IsValueType) && !routeNames.Contains(p.Name!));
        if (write || hasQuery || parameters > 0) refusals.Add(StatusCodes.Status400BadRequest);
        // An Accept header that rules out JSON can be refused on any route.
        refusals.Add(StatusCodes.Status406NotAcceptable);
        // A token that is sent must be valid, even where none is needed.
        refusals.Add(StatusCodes.Status401Unauthorized);
        if (!anonymous)
        {
            refusals.Add(StatusCodes.Status403Forbidden);
            refusals.Add(StatusCodes.Status429TooManyRequests);
        }
        if (parameters > 0) refusals.Add(StatusCodes.Status404NotFound);
        if (chain.RequestType is not null) refusals.Add(StatusCodes.Status415UnsupportedMediaType);
        if (write) refusals.Add(StatusCodes.Status413PayloadTooLarge);
        // A business rule refuses what someone asks for: an anonymous route (the dev token) has none.
        if (write && !anonymous) refusals.Add(StatusCodes.Status422UnprocessableEntity);
        // Only a route that appends to a stream meets a stale If-Match or a contended stream; a POST that reads does not.
        if (WritePipeline.IsWrite(chain)) refusals.Add(StatusCodes.Status409Conflict);
        // Any route that reaches the database answers 503 while it is away (service.database-unavailable).
        if (method.GetCustomAttribute<WithoutDatabaseAttribute>() is null) refusals.Add(StatusCodes.Status503ServiceUnavailable);
        foreach (var extra in method.GetCustomAttributes<AlsoRefusesAttribute>()) refusals.Add(extra.Status);
        return refusals;
    }
}

/// <summary>A refusal a route answers beyond those its shape implies (a 404 for a route that names no resource).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class AlsoRefusesAttribute(int status) : Attribute
{
    public int Status { get; } = status;
}

/// <summary>A route that never reaches the database (a fixed template, the rule set, configured keys), so never answers 503 for it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WithoutDatabaseAttribute : Attribute;
