using System.Security.Claims;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;

namespace Registry.Api.Infrastructure;

/// <summary>The authenticated user behind a request: who, in which role, for which unit.</summary>
public sealed record Actor(string UserId, string Name, Role Role, string Org)
{
    public static Actor From(ClaimsPrincipal user)
    {
        var role = Enum.TryParse<Role>(user.FindFirstValue(Claims.Role), out var r) ? r
            : throw DomainRefusal.Forbidden("auth.role-unknown", "The token names no known role.");
        var org = user.FindFirstValue(Claims.Org);
        if (!OrgCode.IsWellFormed(org)) throw DomainRefusal.Forbidden("auth.org-invalid", "The token names no valid unit.");
        return new Actor(user.FindFirstValue(Claims.Subject) ?? "", user.FindFirstValue(Claims.Name) ?? "", role, org!);
    }

    public bool Covers(string code) => OrgCode.Contains(Org, code);

    public void Require(Permission permission)
    {
        if (!AccessPolicy.Allows(Role, permission))
            throw DomainRefusal.Forbidden("auth.role-not-allowed", $"{Role} may not {permission}.");
    }

    public void RequireJurisdiction(string code)
    {
        if (!Covers(code))
            throw DomainRefusal.Forbidden("auth.outside-jurisdiction", $"Unit {code} lies outside {Org}.");
    }

    public void Require(Permission permission, string code)
    {
        Require(permission);
        RequireJurisdiction(code);
    }
}

public static class Claims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Org = "org";
}
