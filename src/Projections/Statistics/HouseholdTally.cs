namespace Registry.Projections.Statistics;

/// <summary>What a household last added to its village's <see cref="VillageStatistics"/>, so that a change adds only the difference.</summary>
public sealed record HouseholdTally(Guid Id, string VillageCode, StatisticsCounts Counts);
