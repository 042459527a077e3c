using Wolverine.Http.Runtime.MultiTenancy;

namespace Registry.Api.Tenancy;

/// <summary>Wolverine's tenant detection for every HTTP route: the tenant is the district of the caller's unit (the token's <c>org</c>).</summary>
public sealed class DistrictDetection(Districts districts) : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => new(districts.TenantOf(context.User));

    public override string ToString() => "Tenant id is the district of the caller's org claim";
}
