using Registry.Domain.Org;

namespace Registry.Projections.Org;

/// <summary>A unit of the jurisdiction tree, keyed by its 12-digit division code: who registered it and when.</summary>
public sealed record OrgUnit(string Id, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static OrgUnit Registered(OrgUnitRegistered e, string registeredBy) =>
        new(e.Code, e.Name, e.Kind, e.ParentCode, e.IsPoorVillage, registeredBy, e.RegisteredAt);
}
