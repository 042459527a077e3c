using Registry.Domain.Org;

namespace Registry.Api.Reference;

/// <summary>A unit of the jurisdiction tree, keyed by its 12-digit division code.</summary>
public sealed record OrgUnit(string Id, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage, string CreatedBy, DateTimeOffset CreatedAt);
