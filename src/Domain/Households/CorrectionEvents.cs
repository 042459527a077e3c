using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record MemberCorrection(Guid MemberId, MemberFactChanges Changes);

/// <summary>
/// A rectification (整改) of recorded facts, distinct from every status decision: it fixes what was
/// wrongly entered and never rewrites the history of a decision.
/// </summary>
[EventName("household.corrected.v1")]
public sealed record HouseholdCorrected(
    Guid CorrectionId,
    Guid? ProblemId,
    string? GroupName,
    string? Address,
    IReadOnlyList<MemberCorrection> Members,
    string? Evidence,
    DateOnly CorrectedOn) : IHouseholdEvent;

/// <summary>A field visit (入户走访) by a cadre, work team member or clerk.</summary>
[EventName("household.visited.v1")]
public sealed record HouseholdVisited(DateOnly VisitedOn, string? Purpose, string? Note) : IHouseholdEvent;
