using System.Security.Claims;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Org;

namespace Registry.Api.Auth;

/// <summary>A signed token is still refused (401) unless its claims name one user, one exact role and a unit that role can act for.</summary>
public static class TokenClaims
{
    public sealed class Refused(string code, string detail) : Exception(detail)
    {
        public string Code { get; } = code;
    }

    public static Refused? Check(ClaimsPrincipal user)
    {
        if (string.IsNullOrWhiteSpace(user.FindFirstValue(Claims.Subject)))
            return new Refused("auth.subject-missing", "The token names no user (sub).");
        var roles = user.FindAll(Claims.Role).ToList();
        if (roles.Count != 1 || AccessPolicy.Parse(roles[0].Value) is not { } role)
            return new Refused("auth.role-unknown", "The token does not name exactly one known role.");
        var orgs = user.FindAll(Claims.Org).ToList();
        if (orgs.Count != 1 || !OrgCode.IsWellFormed(orgs[0].Value) || OrgCode.KindOf(orgs[0].Value) is not { } kind)
            return new Refused("auth.org-invalid", "The token does not name exactly one valid unit.");
        if (!AccessPolicy.FitsUnit(role, kind))
            return new Refused("auth.role-unit-mismatch", "The token's role does not act at its unit's level.");
        return null;
    }
}
