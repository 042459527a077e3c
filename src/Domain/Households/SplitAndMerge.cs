using System.Collections.Immutable;
using Registry.Domain.Common;

namespace Registry.Domain.Households;

/// <summary>分户: members left the household to form a new one; they move with their facts.</summary>
[EventName("household.members-split-off.v1")]
public sealed record MembersSplitOff(Guid NewHouseholdId, IReadOnlyList<Guid> MemberIds, DateOnly EffectiveDate) : IHouseholdEvent;

/// <summary>The first event of a household formed by a split, in the village of the household it came from.</summary>
[EventName("household.split-from.v1")]
public sealed record HouseholdSplitFrom(
    Guid HouseholdId,
    Guid SourceHouseholdId,
    string VillageCode,
    string? GroupName,
    string? Address,
    HouseholdStatus Status,
    int? IdentifiedYear,
    int? ExitYear,
    IReadOnlyList<RegisteredMember> Members,
    DateOnly EffectiveDate) : IHouseholdEvent;

/// <summary>合户: another household's members joined this one, each with a relation to this head.</summary>
[EventName("household.merged-in.v1")]
public sealed record HouseholdMergedIn(Guid FromHouseholdId, IReadOnlyList<RegisteredMember> Members, DateOnly EffectiveDate) : IHouseholdEvent;

/// <summary>The household's members joined another household; this record is closed.</summary>
[EventName("household.merged-into.v1")]
public sealed record HouseholdMergedInto(Guid IntoHouseholdId, IReadOnlyList<Guid> MemberIds, DateOnly EffectiveDate) : IHouseholdEvent;

public sealed record SplitHousehold(Guid NewHouseholdId, IReadOnlyList<Guid>? MemberIds, Guid? HeadMemberId, IReadOnlyDictionary<Guid, Relation>? Relations,
    string? Reason, DateOnly? EffectiveDate);

public sealed record MergeHousehold(Guid FromHouseholdId, IReadOnlyDictionary<Guid, Relation>? Relations, string? Reason, DateOnly? EffectiveDate);

/// <summary>What a split or merge appends to each of the two households.</summary>
public sealed record TwoHouseholds(object[] This, object[] Other);

public static class SplitHouseholdDecision
{
    public static TwoHouseholds Decide(SplitHousehold command, Household source, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(source);
        HouseholdGuards.RequireReason(command.Reason);
        var errors = new Errors();
        var ids = command.MemberIds ?? [];
        if (ids.Count == 0) errors.Add("memberIds", "field.required", "Name the members who form the new household.");
        if (ids.Distinct().Count() != ids.Count) errors.Add("memberIds", "member.repeated", "A member is named once.");
        if (command.HeadMemberId is not { } headId || !ids.Contains(headId))
            errors.Add("headMemberId", "household.head.exactly-one", "The new household's head is one of the members who move.");
        var effective = Effective(errors, command.EffectiveDate, source, now);
        errors.ThrowIfAny();
        var moving = ids.Select(id => HouseholdGuards.RequireMember(source, id)).ToList();
        if (moving.Any(m => m.Facts.Relation == Relation.Head))
            throw DomainRefusal.Rule("household.head.required", "The head stays with the household; change the head first (户主变更) to split it off.");
        var head = moving.Single(m => m.MemberId == command.HeadMemberId);
        var relations = command.Relations ?? new Dictionary<Guid, Relation>();
        var members = Restated(errors, moving, head, relations, now, "relations");
        errors.ThrowIfAny();
        return new TwoHouseholds(
            [new MembersSplitOff(command.NewHouseholdId, ids.ToList(), effective)],
            [
                new HouseholdSplitFrom(command.NewHouseholdId, source.Id, source.VillageCode, source.GroupName, null, source.Status, source.IdentifiedYear,
                    source.ExitYear, members, effective),
            ]);
    }

    /// <summary>The members with their relation to their new head: Head for the head, the stated one for each of the others.</summary>
    public static IReadOnlyList<RegisteredMember> Restated(Errors errors, IReadOnlyList<Member> members, Member head, IReadOnlyDictionary<Guid, Relation> relations,
        DateTimeOffset now, string field)
    {
        foreach (var id in relations.Keys.Where(id => members.All(m => m.MemberId != id)))
            errors.Add($"{field}.{id}", "member.not-found", "This member does not move.");
        var headSex = MemberRules.SexOf(head.Facts.IdNumber, now);
        var result = new List<RegisteredMember>();
        foreach (var member in members)
        {
            if (member.MemberId == head.MemberId)
            {
                result.Add(new RegisteredMember(member.MemberId, member.Facts with { Relation = Relation.Head }));
                continue;
            }
            if (!relations.TryGetValue(member.MemberId, out var relation))
            {
                errors.Add($"{field}.{member.MemberId}", "household.relation.required", "Say how this member is related to the new head.");
                continue;
            }
            if (relation == Relation.Head) errors.Add($"{field}.{member.MemberId}", "household.head.exactly-one", "A household has exactly one head.");
            else if (MemberRules.SexOf(member.Facts.IdNumber, now) is { } sex) MemberRules.CheckRelation(errors, $"{field}.{member.MemberId}.", relation, sex, headSex);
            result.Add(new RegisteredMember(member.MemberId, member.Facts with { Relation = relation }));
        }
        return result;
    }

    public static DateOnly Effective(Errors errors, DateOnly? given, Household state, DateTimeOffset now)
    {
        var effective = given ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "effectiveDate", effective, now);
        if (effective < state.RegisteredOn)
            errors.Add("effectiveDate", "date.before-registration", "The date cannot predate the household's registration.");
        return effective;
    }
}

public static class MergeHouseholdDecision
{
    public static TwoHouseholds Decide(MergeHousehold command, Household into, Household from, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(into);
        HouseholdGuards.EnsureOpen(from);
        HouseholdGuards.RequireReason(command.Reason);
        if (from.Id == into.Id) throw DomainRefusal.Invalid("fromHouseholdId", "household.merge.itself", "A household cannot merge with itself.");
        if (from.VillageCode != into.VillageCode)
            throw DomainRefusal.Rule("household.merge.other-village", "Households merge within one village; move the members instead.");
        if (into.Members.Count + from.Members.Count > MemberListRules.MaxMembers)
            throw DomainRefusal.Rule("household.members.too-many", $"A household has at most {MemberListRules.MaxMembers} members.");
        var errors = new Errors();
        var effective = SplitHouseholdDecision.Effective(errors, command.EffectiveDate, into, now);
        if (effective < from.RegisteredOn) errors.Add("effectiveDate", "date.before-registration", "The date cannot predate either household's registration.");
        var head = into.FindHead() ?? throw DomainRefusal.Rule("household.head.required", "The household has no head to merge under.");
        var relations = command.Relations ?? new Dictionary<Guid, Relation>();
        var members = SplitHouseholdDecision.Restated(errors, [head, .. from.Members], head, relations, now, "relations").Skip(1).ToList();
        errors.ThrowIfAny();
        return new TwoHouseholds(
            [new HouseholdMergedIn(from.Id, members, effective)],
            [new HouseholdMergedInto(into.Id, from.Members.Select(m => m.MemberId).ToList(), effective)]);
    }
}
