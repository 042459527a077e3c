using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record RecordRisks(IReadOnlyList<RiskType> Risks, string? Reason, DateOnly? RecordedOn);

public static class RecordRisksDecision
{
    public const int MaxRisks = 5;

    public static object[] Decide(RecordRisks command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        HouseholdGuards.RequireReason(command.Reason);
        var errors = new Errors();
        var risks = (command.Risks ?? []).Distinct().Order().ToList();
        if (risks.Count is < 1 or > MaxRisks)
            errors.Add("risks", "risks.count", $"Record 1 to {MaxRisks} distinct risks.");
        var on = command.RecordedOn ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "recordedOn", on, now);
        errors.ThrowIfAny();
        return [new RisksRecorded(risks, on)];
    }
}
