using Registry.Domain.Common;
using Registry.Domain.People;

namespace Registry.Domain.Households;

/// <summary>帮扶责任人: the cadre answerable for a household's assistance.</summary>
public sealed record ResponsibleCadre(string Name, string Unit, string? Phone, DateOnly Since);

[EventName("household.responsible-assigned.v1")]
public sealed record ResponsibleAssigned(string Name, string Unit, string? Phone, DateOnly Since) : IHouseholdEvent;

public sealed record AssignResponsible(string? Name, string? Unit, string? Phone, DateOnly? Since, string? Reason);

public static class AssignResponsibleDecision
{
    public static object[] Decide(AssignResponsible command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        HouseholdGuards.RequireReason(command.Reason);
        var errors = new Errors();
        if (PersonName.Check(command.Name) is { } nameCode) errors.Add("name", nameCode, "A name has 1 to 30 characters and no digits.");
        Text.Required(errors, "unit", command.Unit, 100);
        var phone = Text.Clean(PhoneNumber.Normalize(command.Phone));
        if (phone is not null && !PhoneNumber.IsValid(phone)) errors.Add("phone", "member.phone.format", "Not a mainland mobile or landline number.");
        var since = command.Since ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "since", since, now);
        errors.ThrowIfAny();
        var cadre = new ResponsibleCadre(command.Name!.Trim(), command.Unit!.Trim(), phone, since);
        if (state.Responsible == cadre) return [];
        return [new ResponsibleAssigned(cadre.Name, cadre.Unit, cadre.Phone, cadre.Since)];
    }
}
