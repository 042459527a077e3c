using System.Text.RegularExpressions;
using Registry.Domain.Common;
using Registry.Projections.Households;

namespace Registry.Api.Households;

/// <summary>
/// Where a roster page ended, as <c>{villageCode}.{id}</c>: the next page starts after it (keyset paging), so a deep page
/// costs what the first one does and a household registered meanwhile neither repeats nor hides a row.
/// </summary>
public static partial class RosterCursor
{
    public static string Of(HouseholdDetails last) => $"{last.VillageCode}.{last.Id:N}";

    public static (string VillageCode, Guid Id)? Parse(string? after)
    {
        if (string.IsNullOrEmpty(after)) return null;
        var match = Shape().Match(after);
        if (!match.Success || !Guid.TryParseExact(match.Groups[2].Value, "N", out var id))
            throw DomainRefusal.Invalid("after", "query.after.invalid", "after is the next cursor of a roster page.");
        return (match.Groups[1].Value, id);
    }

    public static IQueryable<HouseholdDetails> After(this IQueryable<HouseholdDetails> households, (string VillageCode, Guid Id) cursor)
    {
        var (village, id) = cursor;
        return households.Where(h => h.VillageCode.CompareTo(village) > 0 || (h.VillageCode == village && h.Id.CompareTo(id) > 0));
    }

    [GeneratedRegex("^([0-9]{12})\\.([0-9a-f]{32})$")]
    private static partial Regex Shape();
}
