using Registry.Domain.Common;

namespace Registry.Domain.Households;

/// <summary>Natural decrease (自然减少).</summary>
public sealed record RemoveMember(Guid MemberId, DecreaseReason Reason, DateOnly EffectiveDate, string? Note);

public static class RemoveMemberDecision
{
    public static object[] Decide(RemoveMember command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var member = HouseholdGuards.RequireMember(state, command.MemberId);
        var errors = new Errors();
        Text.NotInFuture(errors, "effectiveDate", command.EffectiveDate, now);
        Text.Optional(errors, "note", command.Note, 2000);
        if (command.Reason == DecreaseReason.Other && string.IsNullOrWhiteSpace(command.Note))
            errors.Add("note", "member.removal.note-required", "A decrease for another reason says what happened in a note.");
        errors.ThrowIfAny();
        if (command.EffectiveDate < member.Since)
            throw DomainRefusal.Rule("member.removal.before-joining", $"The member joined on {member.Since:yyyy-MM-dd}; a decrease cannot predate it.");
        if (state.Members.Count == 1)
            throw DomainRefusal.Rule("household.members.last", "The last member cannot leave; the household would be empty.");
        if (member.Facts.Relation == Relation.Head)
            throw DomainRefusal.Rule("household.head.required", "The head cannot leave without a successor; change the head first (户主变更).");
        return [new MemberLeft(command.MemberId, command.Reason, command.EffectiveDate, Text.Clean(command.Note))];
    }
}
