using Registry.Domain.Common;

namespace Registry.Domain.Households;

public static class MemberListRules
{
    public const int MaxMembers = 30;

    /// <summary>A registration's members: exactly one head, valid facts, no ID number twice or owned by another household.</summary>
    public static IReadOnlyList<RegisteredMember> Check(Errors errors, IReadOnlyList<RegisteredMember>? members, DateTimeOffset now, IReadOnlySet<string> claimedElsewhere)
    {
        members ??= [];
        if (members.Count == 0) errors.Add("members", "household.members.required", "A household has at least one member.");
        if (members.Count > MaxMembers) errors.Add("members", "household.members.too-many", $"A household has at most {MaxMembers} members.");
        var heads = members.Count(m => m.Facts.Relation == Relation.Head);
        if (members.Count > 0 && heads != 1)
            errors.Add("members", "household.head.exactly-one", $"A household has exactly one head; this one has {heads}.");
        var headSex = members.FirstOrDefault(m => m.Facts.Relation == Relation.Head) is { } head ? MemberRules.SexOf(head.Facts.IdNumber, now) : null;

        var checkedMembers = new List<RegisteredMember>();
        var seen = new HashSet<string>();
        for (var i = 0; i < members.Count; i++)
        {
            var prefix = $"members[{i}].";
            var facts = MemberRules.Check(errors, prefix, members[i].Facts, now, headSex);
            if (facts.IdNumber.Length > 0 && !seen.Add(facts.IdNumber))
                errors.Add($"{prefix}idNumber", "member.id-number.duplicate", "The same ID number appears twice in the household.");
            checkedMembers.Add(members[i] with { Facts = facts });
        }
        if (!errors.Any) PersonClaims.EnsureFree(checkedMembers.Select(m => m.Facts.IdNumber), claimedElsewhere);
        return checkedMembers;
    }
}
