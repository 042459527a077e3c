using Registry.Domain.Common;

namespace Registry.Domain.Quality;

/// <summary>A problem with a household's data (问题数据), found by the census, an inspection, a check, an evaluation or data cleaning.</summary>
[EventName("problem.opened.v1")]
public sealed record ProblemOpened(
    Guid ProblemId,
    Guid HouseholdId,
    Guid? MemberId,
    string VillageCode,
    ProblemSource Source,
    string? Rule,
    int? RuleSetVersion,
    Severity Severity,
    string Description,
    long HouseholdVersion,
    DateOnly OpenedOn) : IProblemEvent;

/// <summary>How a problem was closed; a correction links to the household version that fixed it.</summary>
[EventName("problem.resolved.v1")]
public sealed record ProblemResolved(
    ResolutionOutcome Outcome,
    string? Note,
    long? LinkedHouseholdVersion,
    string? LinkedEventType,
    DateOnly ResolvedOn) : IProblemEvent;
