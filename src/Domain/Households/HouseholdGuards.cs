using Registry.Domain.Common;

namespace Registry.Domain.Households;

public static class HouseholdGuards
{
    public static void EnsureOpen(Household state)
    {
        if (state.Status == HouseholdStatus.Removed)
            throw DomainRefusal.Rule("household.removed", "The household was removed (清退); its record is closed.");
        if (state.Status == HouseholdStatus.Merged)
            throw DomainRefusal.Rule("household.merged", "The household was merged into another (合户); its record is closed.");
    }

    public static string RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw DomainRefusal.Invalid("reason", "reason.required", "A reason is required to change recorded facts.");
        if (reason.Length > 2000) throw DomainRefusal.Invalid("reason", "field.too-long", "reason is longer than 2000 characters.");
        return reason.Trim();
    }

    /// <summary>The common start of a change of an open household that needs a reason: its effective date, today unless given, not in the future.</summary>
    public static DateOnly ReasonedChange(Household state, string? reason, DateOnly? effectiveDate, DateTimeOffset now)
    {
        EnsureOpen(state);
        RequireReason(reason);
        var on = effectiveDate ?? RegistryCalendar.Today(now);
        var errors = new Errors();
        Text.NotInFuture(errors, "effectiveDate", on, now);
        errors.ThrowIfAny();
        return on;
    }

    public static Member RequireMember(Household state, Guid memberId) => state.FindMember(memberId)
        ?? throw DomainRefusal.NotFound("member.not-found", "No current member with this id in the household.");
}
