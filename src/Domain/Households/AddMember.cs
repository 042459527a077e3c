using Registry.Domain.Common;

namespace Registry.Domain.Households;

/// <summary>Natural increase (自然增加).</summary>
public sealed record AddMember(Guid MemberId, MemberFacts Facts, IncreaseReason Reason, DateOnly EffectiveDate);

public static class AddMemberDecision
{
    public static object[] Decide(AddMember command, Household state, DateTimeOffset now, IReadOnlySet<string> claimedElsewhere, Errors? inputErrors = null)
    {
        HouseholdGuards.EnsureOpen(state);
        var errors = inputErrors ?? new Errors();
        var headSex = state.FindHead() is { } head ? MemberRules.SexOf(head.Facts.IdNumber, now) : null;
        var facts = MemberRules.Check(errors, "member.", command.Facts, now, headSex);
        Text.NotInFuture(errors, "effectiveDate", command.EffectiveDate, now);
        if (facts.Relation == Relation.Head && state.FindHead() is not null)
            errors.Add("member.relation", "household.head.exactly-one", "The household already has a head.");
        if (state.Members.Any(m => m.Facts.IdNumber == facts.IdNumber))
            errors.Add("member.idNumber", "member.id-number.duplicate", "This person is already a member of the household.");
        if (state.Members.Count >= MemberListRules.MaxMembers)
            errors.Add("member", "household.members.too-many", $"A household has at most {MemberListRules.MaxMembers} members.");
        errors.ThrowIfAny();
        PersonClaims.EnsureFree([facts.IdNumber], claimedElsewhere);
        return [new MemberJoined(command.MemberId, facts, command.Reason, command.EffectiveDate)];
    }
}
