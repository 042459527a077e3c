using Registry.Domain.Common;

namespace Registry.Domain.Households;

public sealed record AssessIncome(int Year, decimal Wage, decimal Business, decimal Property, decimal Transfer, decimal ProductionCosts, DateOnly? AssessedOn,
    decimal TransferExpenses = 0m);

public static class AssessIncomeDecision
{
    /// <summary>
    /// 人均纯收入 = (wage + business + property + transfer − production costs) ÷ members on record at the end of the
    /// assessed year; 人均可支配收入 is the same less transfer expenses (taxes, social contributions, support paid out).
    /// </summary>
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
        Money.Check(errors, "transferExpenses", command.TransferExpenses);
        var assessedOn = command.AssessedOn ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "assessedOn", assessedOn, now);
        errors.ThrowIfAny();
        // A year before the household's registration counts the members it was registered with.
        var yearEnd = new DateOnly(command.Year, 12, 31);
        var size = state.MembersOn(yearEnd > state.RegisteredOn ? yearEnd : state.RegisteredOn);
        if (size == 0)
            throw DomainRefusal.Rule("income.no-members-in-year", $"The household had no members on record at the end of {command.Year}.");
        var net = command.Wage + command.Business + command.Property + command.Transfer - command.ProductionCosts;
        var disposable = net - command.TransferExpenses;
        return
        [
            new IncomeAssessed(command.Year, command.Wage, command.Business, command.Property, command.Transfer, command.ProductionCosts,
                net, size, Money.Round(net / size), assessedOn, command.TransferExpenses, Money.Round(disposable / size)),
        ];
    }
}
