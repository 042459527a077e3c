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

    public static Member RequireMember(Household state, Guid memberId) => state.FindMember(memberId)
        ?? throw DomainRefusal.NotFound("member.not-found", "No current member with this id in the household.");
}
