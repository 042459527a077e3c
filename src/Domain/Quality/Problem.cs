namespace Registry.Domain.Quality;

public sealed record Problem(
    Guid Id,
    Guid HouseholdId,
    Guid? MemberId,
    string VillageCode,
    ProblemSource Source,
    string? Rule,
    int? RuleSetVersion,
    Severity Severity,
    string Description,
    long HouseholdVersion,
    DateOnly OpenedOn,
    ProblemStatus Status,
    ProblemResolved? Resolution)
{
    public static Problem Create(ProblemOpened e) => new(e.ProblemId, e.HouseholdId, e.MemberId, e.VillageCode, e.Source, e.Rule, e.RuleSetVersion,
        e.Severity, QualityRules.Shown(e.Rule, e.Description), e.HouseholdVersion, e.OpenedOn, ProblemStatus.Open, null);

    public static Problem? Evolve(Problem? state, object @event) => (state, @event) switch
    {
        (_, ProblemOpened e) => Create(e),
        (not null, ProblemResolved e) => state with { Status = ProblemStatus.Resolved, Resolution = e },
        _ => state,
    };
}
