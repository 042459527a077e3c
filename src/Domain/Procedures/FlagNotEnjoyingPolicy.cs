using Registry.Domain.Common;
using Registry.Domain.Households;

namespace Registry.Domain.Procedures;

/// <summary>脱贫不享受政策: set by the town on an exited household, to be verified and, if wrongly identified, removed.</summary>
public sealed record FlagNotEnjoyingPolicy(string? Reason, DateOnly? EffectiveDate);

public static class FlagNotEnjoyingPolicyDecision
{
    public static object[] Decide(FlagNotEnjoyingPolicy command, Household state, DateTimeOffset now)
    {
        var on = HouseholdGuards.ReasonedChange(state, command.Reason, command.EffectiveDate, now);
        if (state.Status != HouseholdStatus.Exited)
            throw DomainRefusal.Rule("household.not-exited", "Only an exited household can be flagged as not enjoying policy.");
        if (state.Has(HouseholdMark.NotEnjoyingPolicy))
            throw DomainRefusal.Rule("household.already-flagged", "The household is already flagged.");
        return [new NotEnjoyingPolicyFlagged(on)];
    }
}

/// <summary>识别无误: verification found the flagged household eligible after all; the town clears the flag.</summary>
[EventName("household.not-enjoying-policy-cleared.v1")]
public sealed record NotEnjoyingPolicyCleared(DateOnly EffectiveDate) : IHouseholdEvent;

public sealed record ClearNotEnjoyingPolicy(string? Reason, DateOnly? EffectiveDate);

public static class ClearNotEnjoyingPolicyDecision
{
    public static object[] Decide(ClearNotEnjoyingPolicy command, Household state, DateTimeOffset now)
    {
        var on = HouseholdGuards.ReasonedChange(state, command.Reason, command.EffectiveDate, now);
        if (!state.Has(HouseholdMark.NotEnjoyingPolicy))
            throw DomainRefusal.Rule("household.not-flagged", "The household is not flagged as not enjoying policy.");
        if (state.OpenProcedures.Any(p => p.Kind == ProcedureKind.Removal))
            throw DomainRefusal.Rule("household.removal-open", "A removal procedure is open; reject it at its step before clearing the flag.");
        return [new NotEnjoyingPolicyCleared(on)];
    }
}
