using Registry.Domain.Quality;

namespace Registry.Projections.Quality;

/// <summary>A data problem as lists and cleaning runs read it; its resolution decides on <see cref="ProblemAggregate"/>.</summary>
public sealed record ProblemView(Guid Id, long Version, Problem State, string? OpenedBy, string? ResolvedBy)
{
    public string VillageCode => State.VillageCode;

    public Guid HouseholdId => State.HouseholdId;

    public ProblemStatus Status => State.Status;

    public ProblemSource Source => State.Source;

    public string? Rule => State.Rule;

    /// <summary>Identifies the same finding across cleaning runs.</summary>
    public string FindingKey => $"{State.Rule}|{State.HouseholdId}|{State.MemberId}";
}
