using Registry.Domain.Common;
using Registry.Domain.Households;

namespace Registry.Domain.Quality;

public sealed record RaiseProblem(Guid ProblemId, Guid? MemberId, ProblemSource Source, string? Rule, string? Description);

public static class RaiseProblemDecision
{
    public static object[] Decide(RaiseProblem command, Household household, long householdVersion, DateTimeOffset now, RuleSet rules)
    {
        var errors = new Errors();
        Text.Required(errors, "description", command.Description, 2000);
        var rule = command.Rule is { Length: > 0 } code ? rules.Find(code) : null;
        if (command.Rule is { Length: > 0 } && rule is null)
            errors.Add("rule", "problem.rule-unknown", $"No rule '{command.Rule}' in rule set v{rules.Version}.");
        errors.ThrowIfAny();
        if (command.MemberId is { } memberId && household.FindMember(memberId) is null && household.FormerMembers.All(f => f.MemberId != memberId))
            throw DomainRefusal.NotFound("member.not-found", "No member with this id in the household.");
        return
        [
            new ProblemOpened(command.ProblemId, household.Id, command.MemberId, household.VillageCode, command.Source, rule?.Code,
                rule is null ? null : rules.Version, rule?.Severity ?? Severity.Error, command.Description!.Trim(), householdVersion,
                RegistryCalendar.Today(now)),
        ];
    }

    /// <summary>Problems a cleaning run finds: one per new finding.</summary>
    public static ProblemOpened FromFinding(Guid problemId, Finding finding, Household household, long householdVersion, RuleSet rules, DateTimeOffset now)
    {
        var rule = rules.Find(finding.Rule)!;
        var detail = finding.Detail.Length > 0 ? $"（{finding.Detail}）" : "";
        return new ProblemOpened(problemId, household.Id, finding.MemberId, household.VillageCode, ProblemSource.DataCleaning, rule.Code, rules.Version,
            rule.Severity, rule.MessageZh + detail, householdVersion, RegistryCalendar.Today(now));
    }
}
