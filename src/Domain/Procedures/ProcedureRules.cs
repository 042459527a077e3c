using System.Collections.Frozen;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Policy;

namespace Registry.Domain.Procedures;

public sealed record RuleContext(Household State, Guid ProcedureId, ProcedureDefinition Definition, DateOnly On, PolicyLine? Line)
{
    public PolicyLine RequireLine() => Line
        ?? throw DomainRefusal.Rule("policy.line-missing", $"No poverty and monitoring lines are set for {On.Year}.");

    public IncomeRecord? IncomeOfYear => State.LatestIncome(On.Year);
}

/// <summary>The named guards and effects that procedure definitions refer to.</summary>
public static class ProcedureRules
{
    public static readonly FrozenDictionary<string, Func<RuleContext, DomainRefusal?>> Guards =
        new Dictionary<string, Func<RuleContext, DomainRefusal?>>
        {
            ["identification.applicable"] = c => c.State.Status is HouseholdStatus.Unregistered or HouseholdStatus.Exited ? null
                : NotApplicable("Only an unregistered or an exited household can be identified as poor."),
            ["identification.income-under-poverty-line"] = c => c.IncomeOfYear is not { } income
                ? DomainRefusal.Rule("identification.income-missing", $"No income assessment for {c.On.Year}.")
                : income.PerCapita < c.RequireLine().PovertyLine ? null
                : DomainRefusal.Rule("identification.income-above-line",
                    $"Per-capita income {income.PerCapita} is not under the {c.On.Year} poverty line {c.RequireLine().PovertyLine}."),
            ["exit.applicable"] = c => c.State.Status == HouseholdStatus.Poor ? null : NotApplicable("Only a poor household can exit."),
            ["exit.guarantees-resolved"] = c => c.State.Guarantees.Where(g => g.Value != GuaranteeStatus.Resolved).Select(g => $"{g.Key} (certified {g.Value})").ToList()
                is { Count: > 0 } open
                ? DomainRefusal.Rule("exit.guarantee-unresolved", $"Guarantees not resolved: {string.Join(", ", open)}.")
                : null,
            // The work plan's hard rule reads the data, not only the sign-offs (Exit from definition version 3).
            ["exit.guarantee-records-resolved"] = c => GuaranteeRecords.Unresolved(c.State, c.On).Select(r => $"{r.Kind} ({r.Shown})").ToList() is { Count: > 0 } open
                ? DomainRefusal.Rule("exit.guarantee-unresolved", $"Guarantees not resolved by the household's records: {string.Join(", ", open)}.")
                : null,
            ["exit.income-at-poverty-line"] = c => c.IncomeOfYear is not { } income
                ? DomainRefusal.Rule("exit.income-missing", $"No income assessment for {c.On.Year}.")
                : income.PerCapita >= c.RequireLine().PovertyLine ? null
                : DomainRefusal.Rule("exit.income-below-line",
                    $"Per-capita income {income.PerCapita} is under the {c.On.Year} poverty line {c.RequireLine().PovertyLine}."),
            ["exit.income-verified"] = c => c.IncomeOfYear is { VerifiedOn: not null } ? null
                : DomainRefusal.Rule("exit.income-unverified", $"The town has not verified the {c.On.Year} income assessment in effect."),
            ["monitoring.applicable"] = c => c.State.Status is HouseholdStatus.Exited or HouseholdStatus.Unregistered
                && (c.State.Monitoring.Kind == MonitoringKind.None || c.State.Monitoring.Eliminated) ? null
                : NotApplicable("Only an exited or an unregistered household that is not already monitored can be identified for monitoring."),
            ["monitoring.risk-recorded"] = c => c.State.Monitoring.Risks.Count > 0 ? null
                : DomainRefusal.Rule("monitoring.no-risk", "At least one risk must be recorded."),
            ["monitoring.income-under-monitoring-line"] = c => c.IncomeOfYear is not { } income
                ? DomainRefusal.Rule("monitoring.income-missing", $"No income assessment for {c.On.Year}.")
                : income.Disposable < c.RequireLine().MonitoringLine ? null
                : DomainRefusal.Rule("monitoring.income-above-line",
                    $"Per-capita disposable income {income.Disposable} is not under the {c.On.Year} monitoring line {c.RequireLine().MonitoringLine}."),
            ["risk-elimination.applicable"] = c => c.State.Monitoring.Kind != MonitoringKind.None && !c.State.Monitoring.Eliminated ? null
                : NotApplicable("Only a monitored household whose risk is not yet eliminated qualifies."),
            ["risk-elimination.assistance-recorded"] = c => c.State.Assistance.Count > 0 ? null
                : DomainRefusal.Rule("risk-elimination.no-assistance", "No assistance measure is recorded."),
            ["risk-elimination.income-at-monitoring-line"] = c => c.IncomeOfYear is not { } income
                ? DomainRefusal.Rule("risk-elimination.income-missing", $"No income assessment for {c.On.Year}.")
                : income.Disposable >= c.RequireLine().MonitoringLine ? null
                : DomainRefusal.Rule("risk-elimination.income-below-line",
                    $"Per-capita disposable income {income.Disposable} is under the {c.On.Year} monitoring line {c.RequireLine().MonitoringLine}."),
            ["removal.applicable"] = c => c.State.Status == HouseholdStatus.Exited && c.State.Has(HouseholdMark.NotEnjoyingPolicy) ? null
                : NotApplicable("Only an exited household flagged as not enjoying policy can be removed."),
        }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, Func<RuleContext, IEnumerable<object>>> Effects =
        new Dictionary<string, Func<RuleContext, IEnumerable<object>>>
        {
            ["identify-as-poor"] = c =>
            [
                new HouseholdIdentifiedAsPoor(c.ProcedureId, c.On.Year, c.State.Status == HouseholdStatus.Exited, c.Definition.Version,
                    c.RequireLine().Year, c.RequireLine().PovertyLine, c.IncomeOfYear?.PerCapita, c.On),
                // The departments certify a household on its way out of poverty: an exit after this one needs a certification of its own.
                .. c.State.Guarantees.Where(g => g.Value != GuaranteeStatus.Unknown).Select(g => g.Key).Order().ToList() is { Count: > 0 } certified
                    ? [new GuaranteeCertificationsCleared(c.ProcedureId, c.Definition.Version, certified, c.On)]
                    : Array.Empty<object>(),
            ],
            ["mark-pre-exit"] = c => [new HouseholdMarkedPreExit(c.ProcedureId, c.Definition.Version, c.On)],
            ["exit"] = c =>
            [
                new HouseholdExited(c.ProcedureId, c.On.Year, c.Definition.Version, c.RequireLine().Year, c.RequireLine().PovertyLine,
                    c.IncomeOfYear!.PerCapita, c.On),
            ],
            ["start-monitoring"] = c =>
            [
                new MonitoringIdentified(c.ProcedureId,
                    c.State.Status == HouseholdStatus.Exited ? MonitoringKind.UnstableExited : MonitoringKind.Marginal,
                    c.State.Monitoring.Risks, c.Definition.Version, c.RequireLine().Year, c.RequireLine().MonitoringLine,
                    c.IncomeOfYear!.Disposable, c.On),
            ],
            ["eliminate-risk"] = c =>
            [
                new RiskEliminated(c.ProcedureId, c.Definition.Version, c.RequireLine().Year, c.RequireLine().MonitoringLine,
                    c.IncomeOfYear!.Disposable, c.State.Assistance.Count, c.On),
            ],
            ["remove"] = c => [new HouseholdRemoved(c.ProcedureId, c.Definition.Version, c.On)],
        }.ToFrozenDictionary();

    private static DomainRefusal NotApplicable(string message) => DomainRefusal.Rule("procedure.not-applicable", message);
}
