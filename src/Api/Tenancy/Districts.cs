using System.Security.Claims;
using JasperFx;
using Registry.Api.Infrastructure;
using Registry.Domain.Common;
using Registry.Domain.Org;

namespace Registry.Api.Tenancy;

/// <summary>
/// Where each district's data lives (<c>Tenancy:Districts:&lt;code&gt;</c>, a connection string per district code) and whose
/// database a caller reaches. Without any district the registry is one database, and every tenant id is Marten's default.
/// </summary>
public sealed class Districts
{
    public const string Section = "Tenancy:Districts";

    private Districts(IReadOnlyDictionary<string, string> connectionStrings) => ConnectionStrings = connectionStrings;

    /// <summary>Connection string by 12-digit district code, which is also the Marten tenant id of the district's database.</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings { get; }

    public bool PerDistrict => ConnectionStrings.Count > 0;

    /// <summary>Every tenant the store holds: one per district, or the single default database.</summary>
    public IReadOnlyList<string> TenantIds => PerDistrict ? [.. ConnectionStrings.Keys.Order(StringComparer.Ordinal)] : [StorageConstants.DefaultTenantId];

    public static Districts From(IConfiguration configuration)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var code = entry.Key.Length == 6 ? entry.Key + "000000" : entry.Key;
            if (!OrgCode.IsWellFormed(code) || OrgCode.KindOf(code) != OrgKind.District)
                throw new InvalidOperationException($"{Section}:{entry.Key} is not a district code (6 digits, or 12 with the last 6 zero).");
            if (string.IsNullOrWhiteSpace(entry.Value)) throw new InvalidOperationException($"{Section}:{entry.Key} has no connection string.");
            map[code] = entry.Value;
        }
        return new Districts(map);
    }

    /// <summary>The tenant a message or job was tagged with; untagged work runs in the single default database.</summary>
    public string TenantOr(string? tagged) => string.IsNullOrEmpty(tagged) ? StorageConstants.DefaultTenantId : tagged;

    /// <summary>The caller's district database; an authenticated caller whose district is not served here reaches none.</summary>
    public string? TenantOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? TenantOf(Actor.From(user)) : null;

    public string TenantOf(Actor actor) => TenantOfUnit(actor.Org);

    /// <summary>The database that holds a unit: its district's, or the single default one.</summary>
    public string TenantOfUnit(string org)
    {
        if (!PerDistrict) return StorageConstants.DefaultTenantId;
        // Roles sit at a district or below, so a caller's unit lies in exactly one district; a unit above one names none.
        if (OrgCode.KindOf(org) is null)
            throw DomainRefusal.CallerForbidden("tenancy.district-required",
                "This service keeps a database per district, and requests act for one district: use a token of a district or a unit inside one.");
        var district = OrgCode.DistrictOf(org);
        return ConnectionStrings.ContainsKey(district)
            ? district
            : throw DomainRefusal.CallerForbidden("tenancy.district-not-served", "Your district's data is not kept by this service.");
    }
}
