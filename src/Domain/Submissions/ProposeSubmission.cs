using Registry.Domain.Common;

namespace Registry.Domain.Submissions;

public sealed record ProposeSubmission(Guid SubmissionId, string VillageCode, int Year, ListKind List, IReadOnlyList<Guid> HouseholdIds);

/// <summary>A household found for a proposed list, with its village and version at this moment.</summary>
public sealed record HouseholdAtProposal(Guid HouseholdId, string VillageCode, long Version, string HeadName);

public static class ProposeSubmissionDecision
{
    public const int MaxHouseholds = 2000;

    public static object[] Decide(ProposeSubmission command, DateTimeOffset now, IReadOnlyDictionary<Guid, HouseholdAtProposal> found)
    {
        var errors = new Errors();
        if (!RegistryCalendar.IsPlausibleYear(command.Year, now))
            errors.Add("year", "year.out-of-range", $"year must lie between {RegistryCalendar.FirstYear} and this year.");
        var ids = command.HouseholdIds ?? [];
        if (ids.Count is 0 or > MaxHouseholds)
            errors.Add("householdIds", "submission.households.count", $"A list names 1 to {MaxHouseholds} households.");
        if (ids.Distinct().Count() != ids.Count)
            errors.Add("householdIds", "submission.households.duplicate", "A household appears twice in the list.");
        errors.ThrowIfAny();
        var missing = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            throw DomainRefusal.Rule("submission.household-unknown", $"Unknown households: {string.Join(", ", missing)}.");
        var outside = ids.Where(id => found[id].VillageCode != command.VillageCode).ToList();
        if (outside.Count > 0)
            throw DomainRefusal.Rule("submission.household-outside-village", $"Households not of village {command.VillageCode}: {string.Join(", ", outside)}.");
        return
        [
            new SubmissionProposed(command.SubmissionId, command.VillageCode, command.Year, command.List,
                ids.Select(id => new FrozenHousehold(id, found[id].Version, found[id].HeadName)).ToList(), RegistryCalendar.Today(now)),
        ];
    }
}
