using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registry.Domain.Common;
using Wolverine.Http;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// Middleware of every write route (a route answering a <see cref="WriteAnswer"/>), around the route's own load, checks
/// and decision: the events the route returns are stamped and chained, and its answer is remembered under the
/// Idempotency-Key, in the transaction that appends them. The key is not looked up first: a repeat fails to commit on the
/// key's record, changes nothing, and <see cref="ConcurrentWrites"/> answers it with the first answer.
/// </summary>
public static class WritePipeline
{
    public static void Before(HttpContext http, IDocumentSession session)
    {
        RefuseEmptyId(http);
        session.CorrelationId = RequestContext.CorrelationId(http);
        session.LastModifiedBy = Actor.From(http.User).UserId;
        RequestContext.WriteHeaders(http);
    }

    public static async Task After(HttpContext http, IDocumentSession session, WriteAnswer answer)
    {
        await EventChain.StampPending(session, Actor.From(http.User), answer.Reason, RequestContext.CorrelationId(http), http.RequestAborted,
            StreamGuard.FetchedHeads(http));
        if (answer.RememberedFor(http) is { } remembered) session.Insert(remembered);
    }

    /// <summary>
    /// The empty id names nothing: answered as an unknown household, submission or problem (the route's resource), before the
    /// store, which refuses it outright, is asked.
    /// </summary>
    private static void RefuseEmptyId(HttpContext http)
    {
        if (http.GetRouteValue("id") is not string raw || !Guid.TryParse(raw, out var id) || id != Guid.Empty) return;
        var resource = http.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[1].TrimEnd('s');
        throw DomainRefusal.CallerNotFound($"{resource}.not-found", $"No {resource} with this id.");
    }

    /// <summary>Applies the pipeline to every route that answers a <see cref="WriteAnswer"/>, and marks it for <see cref="ConcurrentWrites"/>.</summary>
    public static void Apply(WolverineHttpOptions http)
    {
        http.AddMiddleware(typeof(WritePipeline), IsWrite);
        http.AddPolicy<WriteRouteMarker>();
    }

    public static bool IsWrite(HttpChain chain) => chain.Method.Method.ReturnType is var type
        && (type == typeof(WriteAnswer) || Unwrapped(type).Any(t => t == typeof(WriteAnswer)));

    private static IEnumerable<Type> Unwrapped(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)) type = type.GetGenericArguments()[0];
        return type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal) ? type.GetGenericArguments() : [type];
    }

    private sealed class WriteRouteMarker : IHttpPolicy
    {
        public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
        {
            foreach (var chain in chains.Where(IsWrite))
            {
                chain.Metadata.WithMetadata(WriteRoute.Instance);
                if (DecidesOnStream(chain)) chain.Metadata.WithMetadata(WriteRoute.OnStream);
            }
            foreach (var chain in chains.Where(c => c.Method.Method.IsDefined(typeof(UnversionedWriteAttribute), false)))
                chain.Metadata.WithMetadata(WriteRoute.Instance).WithMetadata(WriteRoute.Unversioned);
        }

        /// <summary>A route that fetches a stream for writing checks If-Match against it; one that only starts records has none to match.</summary>
        private static bool DecidesOnStream(HttpChain chain) =>
            chain.Method.HandlerType.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .SelectMany(m => m.GetParameters())
                .Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(JasperFx.Events.IEventStream<>));
    }
}

/// <summary>Endpoint metadata naming a write route, and among them those that decide on a stream they fetched (If-Match applies).</summary>
public sealed class WriteRoute
{
    public static readonly WriteRoute Instance = new();

    public static readonly WriteRoute OnStream = new();

    /// <summary>A write whose answer is no stream's version (<see cref="UnversionedWriteAttribute"/>).</summary>
    public static readonly WriteRoute Unversioned = new();
}

/// <summary>
/// A write that appends no event and answers no version, such as a checkpoint: it remembers its answer under the request's
/// Idempotency-Key itself, in its own transaction, and <see cref="ConcurrentWrites"/> answers a repeat with it as for every write.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnversionedWriteAttribute : Attribute;
