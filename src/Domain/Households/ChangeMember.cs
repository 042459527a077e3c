using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record ChangeMember(Guid MemberId, MemberFactChanges Changes, DateOnly? EffectiveDate, string? Reason);

public static class ChangeMemberDecision
{
    public static object[] Decide(ChangeMember command, Household state, DateTimeOffset now, IReadOnlySet<string> claimedElsewhere)
    {
        HouseholdGuards.EnsureOpen(state);
        HouseholdGuards.RequireReason(command.Reason);
        var member = HouseholdGuards.RequireMember(state, command.MemberId);
        var errors = new Errors();
        var effective = command.EffectiveDate ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "effectiveDate", effective, now);
        var otherHead = state.Members.FirstOrDefault(m => m.Facts.Relation == Relation.Head && m.MemberId != member.MemberId);
        var headSex = otherHead is null ? null : MemberRules.SexOf(otherHead.Facts.IdNumber, now);
        var after = MemberRules.Check(errors, "", command.Changes.ApplyTo(member.Facts), now, headSex);
        if (after.Relation == Relation.Head && otherHead is not null)
            errors.Add("relation", "household.head.exactly-one", "The household already has a head.");
        if (state.Members.Any(m => m.MemberId != member.MemberId && m.Facts.IdNumber == after.IdNumber))
            errors.Add("idNumber", "member.id-number.duplicate", "Another member of the household has this ID number.");
        errors.ThrowIfAny();
        // As a removal of the head is: a rule of the household (422), not a fault of the request.
        if (member.Facts.Relation == Relation.Head && after.Relation != Relation.Head)
            throw DomainRefusal.Rule("household.head.required", "The head stays the head until another member becomes head (户主变更).");
        var changes = MemberFactChanges.From(after).Against(member.Facts);
        if (changes.ChangesNothing())
            throw DomainRefusal.Invalid("changes", "member.changes.none", "The request changes nothing on record.");
        if (changes.IdNumber is { } newId) PersonClaims.EnsureFree([newId], claimedElsewhere);
        return [new MemberFactsChanged(member.MemberId, changes, effective)];
    }
}
