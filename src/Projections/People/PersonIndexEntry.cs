namespace Registry.Projections.People;

/// <summary>Which household a person (resident ID number) belongs to now. Its primary key makes the claim exclusive.</summary>
public sealed record PersonIndexEntry(string Id, Guid HouseholdId, Guid MemberId, string Name);
