using Registry.Domain.Common;

namespace Registry.Domain.Households;

/// <summary>户主变更: another member becomes the head, and the members' relations are restated towards the new head.</summary>
[EventName("household.head-changed.v1")]
public sealed record HeadChanged(Guid HeadMemberId, string HeadName, IReadOnlyDictionary<Guid, Relation> Relations, DateOnly EffectiveDate) : IHouseholdEvent;

public sealed record ChangeHead(Guid? MemberId, IReadOnlyDictionary<Guid, Relation>? Relations, string? Reason, DateOnly? EffectiveDate);

public static class ChangeHeadDecision
{
    public static object[] Decide(ChangeHead command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        HouseholdGuards.RequireReason(command.Reason);
        var errors = new Errors();
        if (command.MemberId is null) errors.Add("memberId", "field.required", "memberId names the new head.");
        var effective = command.EffectiveDate ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "effectiveDate", effective, now);
        errors.ThrowIfAny();
        var head = HouseholdGuards.RequireMember(state, command.MemberId!.Value);
        if (head.Facts.Relation == Relation.Head) throw DomainRefusal.Rule("household.head.unchanged", "This member is already the head.");
        var relations = command.Relations ?? new Dictionary<Guid, Relation>();
        Restate(errors, state, head, relations, now);
        errors.ThrowIfAny();
        return [new HeadChanged(head.MemberId, head.Facts.Name, relations.ToDictionary(), effective)];
    }

    /// <summary>
    /// Every member but the new head needs a relation to the new head: the former head always, the others when their relation
    /// to the former head no longer holds (the checks here are the ones a registration makes).
    /// </summary>
    public static void Restate(Errors errors, Household state, Member head, IReadOnlyDictionary<Guid, Relation> relations, DateTimeOffset now)
    {
        foreach (var (memberId, relation) in relations)
        {
            var field = $"relations.{memberId}";
            if (state.FindMember(memberId) is not { } member) errors.Add(field, "member.not-found", "No current member has this id.");
            else if (relation == Relation.Head) errors.Add(field, "household.head.exactly-one", "Only the new head is the head.");
            else if (member.MemberId == head.MemberId) errors.Add(field, "household.head.relation", "The new head's relation is Head.");
            else if (MemberRules.SexOf(member.Facts.IdNumber, now) is { } sex)
                MemberRules.CheckRelation(errors, $"{field}.", relation, sex, MemberRules.SexOf(head.Facts.IdNumber, now));
        }
        if (state.FindHead() is { } former && former.MemberId != head.MemberId && !relations.ContainsKey(former.MemberId))
            errors.Add("relations", "household.head.former-relation", "Say how the former head is related to the new head.");
    }
}
