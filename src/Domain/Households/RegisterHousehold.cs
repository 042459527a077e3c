using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record RegisterHousehold(
    Guid HouseholdId,
    string VillageCode,
    string? GroupName,
    string? Address,
    HouseholdStatus Status,
    int? IdentifiedYear,
    int? ExitYear,
    DateOnly? RegisteredOn,
    IReadOnlyList<RegisteredMember> Members,
    Access.Role Registrar);

public static class RegisterHouseholdDecision
{
    /// <param name="claimedElsewhere">ID numbers of the command that belong to another household now.</param>
    /// <param name="inputErrors">Errors already found while reading the request, reported together with these.</param>
    public static object[] Decide(RegisterHousehold command, DateTimeOffset now, IReadOnlySet<string> claimedElsewhere, Errors? inputErrors = null)
    {
        // A household carried over from the national system is the district's to enter; a village's new poor pass identification.
        if (command.Status is HouseholdStatus.Poor or HouseholdStatus.Exited && command.Registrar != Access.Role.DistrictOfficer)
            throw DomainRefusal.CallerForbidden("household.carry-over.district-only",
                "Only the district office registers a household carried over as poor or exited; register it Unregistered and identify it.");
        var errors = inputErrors ?? new Errors();
        Text.Optional(errors, "groupName", command.GroupName, 50);
        Text.Optional(errors, "address", command.Address, 200);
        Text.NotInFuture(errors, "registeredOn", command.RegisteredOn, now);
        switch (command.Status)
        {
            case HouseholdStatus.Removed or HouseholdStatus.Merged:
                errors.Add("status", "household.status.invalid", "A household cannot be registered as removed.");
                break;
        }
        // API.md v2: a household carried over names the year it was identified, an exited one also its exit year.
        if (command.Status is HouseholdStatus.Poor or HouseholdStatus.Exited && command.IdentifiedYear is null)
            errors.Add("identifiedYear", "household.identified-year.required", "A household carried over names the year it was identified.");
        if (command.Status == HouseholdStatus.Exited && command.ExitYear is null)
            errors.Add("exitYear", "household.exit-year.required", "An exited household carried over names its exit year.");
        foreach (var (field, year) in new[] { ("identifiedYear", command.IdentifiedYear), ("exitYear", command.ExitYear) })
            if (year is { } y && !RegistryCalendar.IsPlausibleYear(y, now))
                errors.Add(field, "year.out-of-range", $"{field} must lie between {RegistryCalendar.FirstYear} and this year.");
        var registeredYear = (command.RegisteredOn ?? RegistryCalendar.Today(now)).Year;
        if (command.Status is HouseholdStatus.Poor or HouseholdStatus.Exited && command.IdentifiedYear is { } carried && carried >= registeredYear)
            errors.Add("identifiedYear", "household.identified-year.not-carried-over",
                "A household carried over was identified in a year before the year it is registered in.");
        if (command.IdentifiedYear is { } identified && command.ExitYear is { } exited && exited < identified)
            errors.Add("exitYear", "household.exit-year.before-identification", "A household cannot exit before it was identified.");

        var members = MemberListRules.Check(errors, command.Members, now, claimedElsewhere);
        errors.ThrowIfAny();

        return
        [
            new HouseholdRegistered(command.HouseholdId, command.VillageCode, Text.Clean(command.GroupName), Text.Clean(command.Address),
                command.Status, command.Status == HouseholdStatus.Unregistered ? null : command.IdentifiedYear,
                command.Status == HouseholdStatus.Exited ? command.ExitYear : null,
                command.RegisteredOn ?? RegistryCalendar.Today(now), members),
        ];
    }
}
