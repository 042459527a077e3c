using Registry.Projections.Households;

namespace Registry.Api.Households;

public static class UnitHouseholds
{
    /// <summary>
    /// The households of a unit, as a range of village codes rather than a prefix match: the range is what an index on the
    /// village code serves whatever the database's collation (a <c>LIKE 'prefix%'</c> is served only under the C collation).
    /// </summary>
    public static IQueryable<HouseholdDetails> InUnit(this IQueryable<HouseholdDetails> households, string prefix)
    {
        var first = prefix.PadRight(12, '0');
        var last = prefix.PadRight(12, '9');
        return households.Where(h => h.VillageCode.CompareTo(first) >= 0 && h.VillageCode.CompareTo(last) <= 0);
    }
}
