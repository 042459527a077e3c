using Registry.Domain.Common;

namespace Registry.Domain.Org;

/// <summary>A unit of the jurisdiction tree was registered; who registered it travels in the event's metadata.</summary>
[EventName("org.unit-registered.v1")]
public sealed record OrgUnitRegistered(string Code, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage, DateTimeOffset RegisteredAt)
    : IOrgUnitEvent;

/// <summary>
/// A unit registered before units kept a history of their own entered it: whoever registered it then, and when, are facts
/// the event reports; its metadata names the start-up that carried it over.
/// </summary>
[EventName("org.unit-carried-over.v1")]
public sealed record OrgUnitCarriedOver(string Code, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage, string RegisteredBy,
    DateTimeOffset RegisteredAt) : IOrgUnitEvent;

/// <summary>A registered unit, as its stream's events made it.</summary>
public sealed record OrgUnitState(string Code, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage)
{
    public static OrgUnitState? Evolve(OrgUnitState? state, object @event) => @event switch
    {
        OrgUnitRegistered e => new OrgUnitState(e.Code, e.Name, e.Kind, e.ParentCode, e.IsPoorVillage),
        OrgUnitCarriedOver e => new OrgUnitState(e.Code, e.Name, e.Kind, e.ParentCode, e.IsPoorVillage),
        _ => state,
    };
}

public sealed record RegisterOrgUnit(string? Code, string? Name, OrgKind? Kind, string? ParentCode, bool? IsPoorVillage);

/// <summary>A district office registers a town under a district, or a village under a town.</summary>
public static class RegisterOrgUnitDecision
{
    /// <summary>The refusals the command alone gives, before anything is loaded for it.</summary>
    public static void Check(RegisterOrgUnit command)
    {
        var errors = new Errors();
        Text.Required(errors, "name", command.Name, 50);
        if (!OrgCode.IsWellFormed(command.Code)) errors.Add("code", "org.code.format", "code is a 12-digit division code.");
        if (!OrgCode.IsWellFormed(command.ParentCode)) errors.Add("parentCode", "org.code.format", "parentCode is a 12-digit division code.");
        if (command.Kind is null) errors.Add("kind", "field.required", "kind is required.");
        errors.ThrowIfAny();
        var code = command.Code!;
        if (OrgCode.KindOf(code) != command.Kind)
            throw DomainRefusal.Invalid("kind", "org.kind-mismatch", $"Code {code} is not the code of a {command.Kind}.");
        if (command.ParentCode == code || !OrgCode.Contains(command.ParentCode!, code))
            throw DomainRefusal.Invalid("parentCode", "org.parent-mismatch", $"{code} does not lie under {command.ParentCode}.");
        if (command.IsPoorVillage == true && command.Kind != OrgKind.Village)
            throw DomainRefusal.Invalid("isPoorVillage", "org.poor-village-kind", "Only a village can be a poor village.");
    }

    /// <param name="existing">The unit with the command's code, if one is registered.</param>
    /// <param name="parent">The kind of the registered unit named as parent; null when none is registered.</param>
    public static object[] Decide(RegisterOrgUnit command, OrgUnitState? existing, OrgKind? parent, DateTimeOffset now)
    {
        Check(command);
        if (existing is not null) throw DomainRefusal.Rule("conflict.duplicate", $"Unit {command.Code} is already registered.");
        if (parent is not { } parentKind)
            throw DomainRefusal.Rule("org.parent-unknown", $"Parent unit {command.ParentCode} is not registered.");
        if (parentKind >= command.Kind)
            throw DomainRefusal.Rule("org.parent-kind", $"A {command.Kind} cannot sit under a {parentKind}.");
        return [new OrgUnitRegistered(command.Code!, command.Name!.Trim(), command.Kind!.Value, command.ParentCode, command.IsPoorVillage ?? false, now)];
    }
}
