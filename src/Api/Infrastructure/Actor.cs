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
        // Authentication already refused any token whose claims fail TokenClaims.Check; this only reads them.
        var role = AccessPolicy.Parse(user.FindFirstValue(Claims.Role))
            ?? throw new InvalidOperationException("An authenticated user without a valid role claim.");
        var org = user.FindFirstValue(Claims.Org)!;
        return new Actor(user.FindFirstValue(Claims.Subject)!, user.FindFirstValue(Claims.Name) ?? "", role, org);
    }

    public bool Covers(string code) => OrgCode.Contains(Org, code);

    /// <summary>The role sees ID numbers whole; other roles see them masked, and an unmasked view is a sensitive read.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ReadsIdNumbers => AccessPolicy.Allows(Role, Permission.ReadIdNumbers);

    public void Require(Permission permission)
    {
        if (!AccessPolicy.Allows(Role, permission))
            throw DomainRefusal.CallerForbidden("auth.role-not-allowed", $"{Role} may not {permission}.");
    }

    public void RequireJurisdiction(string code)
    {
        if (!Covers(code))
            throw DomainRefusal.CallerForbidden("auth.outside-jurisdiction", "The unit lies outside your own.");
    }

    /// <summary>A unit as such (its name, its lines) is seen from inside it, from the units above it and from those below it.</summary>
    public void RequireSightOf(string unitCode)
    {
        if (!OrgCode.Contains(unitCode, Org)) RequireJurisdiction(unitCode);
    }

    /// <summary>A specific resource outside the caller's subtree answers exactly as an unknown one: the refusal tells nothing of it.</summary>
    public T Visible<T>(T? resource, Func<T, string> unitOf, string code, string message) where T : class =>
        resource is not null && Covers(unitOf(resource)) ? resource : throw DomainRefusal.CallerNotFound(code, message);

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
