using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record CorrectHousehold(Guid CorrectionId, Guid? ProblemId, string? GroupName, string? Address, IReadOnlyList<MemberCorrection> Members,
    string? Reason, string? Evidence);

public static class CorrectHouseholdDecision
{
    public static object[] Decide(CorrectHousehold command, Household state, DateTimeOffset now, IReadOnlySet<string> claimedElsewhere)
    {
        HouseholdGuards.EnsureOpen(state);
        HouseholdGuards.RequireReason(command.Reason);
        var errors = new Errors();
        Text.Optional(errors, "changes.groupName", command.GroupName, 50);
        Text.Optional(errors, "changes.address", command.Address, 200);
        Text.Optional(errors, "evidence", command.Evidence, 500);
        var corrections = new List<MemberCorrection>();
        var after = state.Members.ToDictionary(m => m.MemberId, m => m.Facts);
        var members = command.Members ?? [];
        if (members.Select(m => m.MemberId).Distinct().Count() != members.Count)
            errors.Add("changes.members", "correction.member-twice", "A member appears twice in one correction.");
        var headSex = HeadSexAfter(state, members, now);
        for (var i = 0; i < members.Count; i++)
        {
            var member = state.FindMember(members[i].MemberId)
                ?? throw DomainRefusal.NotFound("member.not-found", $"No current member {members[i].MemberId} in the household.");
            var facts = MemberRules.Check(errors, $"changes.members[{i}].", members[i].Changes.ApplyTo(member.Facts), now, headSex);
            var changes = MemberFactChanges.From(facts).Against(member.Facts);
            if (!changes.ChangesNothing()) corrections.Add(new MemberCorrection(member.MemberId, changes));
            after[member.MemberId] = facts;
        }
        errors.ThrowIfAny();
        var heads = after.Values.Count(f => f.Relation == Relation.Head);
        if (heads > 1) throw DomainRefusal.Invalid("changes.members", "household.head.exactly-one", "The correction leaves more than one head.");
        // A household found headless (household.head.missing) may still be corrected in other facts; one with a head keeps one.
        if (heads == 0 && state.FindHead() is not null)
            throw DomainRefusal.Rule("household.head.required", "The correction leaves the household without a head; name the new head in the same correction.");
        if (after.Values.GroupBy(f => f.IdNumber).Any(g => g.Count() > 1))
            throw DomainRefusal.Invalid("changes.members", "member.id-number.duplicate", "The correction gives two members the same ID number.");
        var groupName = Text.Clean(command.GroupName) is { } g && g != state.GroupName ? g : null;
        var address = Text.Clean(command.Address) is { } a && a != state.Address ? a : null;
        if (corrections.Count == 0 && groupName is null && address is null)
            throw DomainRefusal.Invalid("changes", "correction.changes.none", "The correction changes nothing on record.");
        PersonClaims.EnsureFree(corrections.Select(c => c.Changes.IdNumber).OfType<string>(), claimedElsewhere);
        return [new HouseholdCorrected(command.CorrectionId, command.ProblemId, groupName, address, corrections, Text.Clean(command.Evidence),
            RegistryCalendar.Today(now))];
    }

    /// <summary>The sex of the head the correction leaves, against which a corrected spouse is checked.</summary>
    private static People.Sex? HeadSexAfter(Household state, IReadOnlyList<MemberCorrection> members, DateTimeOffset now)
    {
        var facts = state.Members.ToDictionary(m => m.MemberId, m => m.Facts);
        foreach (var correction in members)
            if (facts.TryGetValue(correction.MemberId, out var current)) facts[correction.MemberId] = correction.Changes.ApplyTo(current);
        return facts.Values.FirstOrDefault(f => f.Relation == Relation.Head) is { } head ? MemberRules.SexOf(head.IdNumber, now) : null;
    }
}
