namespace Registry.Projections.Statistics;

/// <summary>What a household last added to its village's and the units' above <see cref="UnitStatistics"/>, so that a change adds only the difference.</summary>
public sealed record HouseholdTally(Guid Id, string VillageCode, StatisticsCounts Counts);
