using Registry.Domain.Common;
using Registry.Domain.Org;

namespace Registry.Api.Infrastructure;

public static class Units
{
    /// <summary>The unit a list is asked for (default: the actor's own), checked to lie inside the actor's subtree.</summary>
    public static string Prefix(Actor actor, string? org)
    {
        var unit = string.IsNullOrEmpty(org) ? actor.Org : org;
        if (!OrgCode.IsWellFormed(unit)) throw DomainRefusal.Invalid("org", "org.code.format", "org is a 12-digit division code.");
        actor.RequireJurisdiction(unit);
        return OrgCode.SignificantPrefix(unit);
    }
}
