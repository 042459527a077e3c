using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record AssessIncome(int Year, decimal Wage, decimal Business, decimal Property, decimal Transfer, decimal ProductionCosts, DateOnly? AssessedOn);

public static class AssessIncomeDecision
{
    /// <summary>Per-capita income = (wage + business + property + transfer − production costs) ÷ members on record.</summary>
    public static object[] Decide(AssessIncome command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var errors = new Errors();
        if (!RegistryCalendar.IsPlausibleYear(command.Year, now))
            errors.Add("year", "year.out-of-range", $"year must lie between {RegistryCalendar.FirstYear} and this year.");
        Money.Check(errors, "wage", command.Wage);
        Money.Check(errors, "business", command.Business);
        Money.Check(errors, "property", command.Property);
        Money.Check(errors, "transfer", command.Transfer);
        Money.Check(errors, "productionCosts", command.ProductionCosts);
        var assessedOn = command.AssessedOn ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "assessedOn", assessedOn, now);
        errors.ThrowIfAny();
        var size = state.Members.Count;
        var net = command.Wage + command.Business + command.Property + command.Transfer - command.ProductionCosts;
        return
        [
            new IncomeAssessed(command.Year, command.Wage, command.Business, command.Property, command.Transfer, command.ProductionCosts,
                net, size, Money.Round(net / size), assessedOn),
        ];
    }
}
