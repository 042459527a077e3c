using Wolverine.Http.Runtime.MultiTenancy;

namespace Registry.Api.Tenancy;

/// <summary>
/// Wolverine's tenant detection for every HTTP route: the tenant is the district of the caller's unit (the token's
/// <c>org</c>). With a single database it names none, and the session opens on Marten's default tenant as without it.
/// </summary>
public sealed class DistrictDetection(Districts districts) : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => new(districts.PerDistrict ? districts.TenantOf(context.User) : null);

    public override string ToString() => "Tenant id is the district of the caller's org claim";
}
