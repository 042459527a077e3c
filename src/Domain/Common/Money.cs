namespace Registry.Domain.Common;

public static class Money
{
    public const decimal Max = 100_000_000m;

    public static void Check(Errors errors, string field, decimal? amount)
    {
        if (amount is null) return;
        if (amount < 0) errors.Add(field, "money.negative", $"{field} must not be negative.");
        else if (amount > Max) errors.Add(field, "money.too-large", $"{field} exceeds {Max} yuan.");
    }

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
