using Marten;
using Registry.Domain.Common;

namespace Registry.Api.Tenancy;

/// <summary>
/// Sessions that the container hands out (Razor pages of the console, services resolved outside a Wolverine route) open in the
/// database of the caller's district, resolved exactly as Wolverine's tenant detection resolves it for routes.
/// </summary>
public sealed class RequestSessions(IDocumentStore store, Districts districts, IHttpContextAccessor http) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(Tenant());

    public IDocumentSession OpenSession() => store.LightweightSession(Tenant());

    private string Tenant() =>
        http.HttpContext?.User is { } user && districts.TenantOf(user) is { } tenant
            ? tenant
            : throw DomainRefusal.CallerForbidden("tenancy.district-required", "This request names no district, and data is kept per district.");
}
