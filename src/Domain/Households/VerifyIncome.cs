using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record VerifyIncome(int Year, string? Note);

/// <summary>The town verifies the year's income assessment in effect (收入由镇乡政府核实), one of the certifications exit needs.</summary>
public static class VerifyIncomeDecision
{
    public static object[] Decide(VerifyIncome command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var errors = new Errors();
        Text.Optional(errors, "note", command.Note, 500);
        errors.ThrowIfAny();
        var income = state.LatestIncome(command.Year)
            ?? throw DomainRefusal.Rule("income.not-assessed", $"No income assessment for {command.Year} to verify.");
        if (income.VerifiedOn is not null)
            throw DomainRefusal.Rule("income.already-verified", $"The {command.Year} assessment in effect is already verified; a new assessment needs a new verification.");
        return [new IncomeVerified(command.Year, income.AssessedOn, Text.Clean(command.Note), RegistryCalendar.Today(now))];
    }
}
