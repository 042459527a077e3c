namespace Registry.Projections.Households;

/// <summary>Households per village, kept as they are registered or split off, so the roster never counts a unit's households.</summary>
public static class HouseholdTotals
{
    public const string Name = "HouseholdTotals";

    /// <summary>A household stays on its village's roster whatever becomes of it: its village never changes and its document is never deleted.</summary>
    public const string Kind = "household";

    public static readonly UnitTotals Table = new("household_totals");

    public static IEnumerable<KeyValuePair<(string Village, string Kind), long>> PerVillage(IEnumerable<string> villagesOfNewHouseholds) =>
        villagesOfNewHouseholds.GroupBy(v => v).Select(g => KeyValuePair.Create((g.Key, Kind), (long)g.Count()));
}
