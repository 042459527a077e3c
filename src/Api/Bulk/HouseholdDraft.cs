using Registry.Domain.Org;

namespace Registry.Api.Bulk;

/// <summary>The rows of one household, grouped by village code and household key in the order the sheet first names them.</summary>
public sealed record HouseholdDraft(string? VillageCode, string? Key, IReadOnlyList<SheetRow> Rows)
{
    public int FirstRow => Rows[0].Number;

    public bool IsKeyed => Key is not null && OrgCode.IsWellFormed(VillageCode);

    // Computed once: a SHA-1 per read would cost more than the rest of the draft's lookups.
    public Guid? StreamId { get; } = Key is not null && OrgCode.IsWellFormed(VillageCode) ? NameBasedId.Household(VillageCode!, Key) : null;

    public IEnumerable<string> IdNumbers => Rows.Select(r => r[SheetColumn.IdNumber]).OfType<string>().Select(Normalize);

    public static string Normalize(string idNumber) => idNumber.Trim().ToUpperInvariant();

    /// <summary>A row without a well-formed village code or a household key stands alone: it cannot be joined to any household.</summary>
    public static IReadOnlyList<HouseholdDraft> Group(IEnumerable<SheetRow> rows)
    {
        var drafts = new List<(string? Village, string? Key, List<SheetRow> Rows)>();
        var byKey = new Dictionary<(string, string), List<SheetRow>>();
        foreach (var row in rows)
        {
            var village = row[SheetColumn.VillageCode];
            var key = row[SheetColumn.HouseholdKey];
            if (key is null || !OrgCode.IsWellFormed(village))
            {
                drafts.Add((village, key, [row]));
                continue;
            }
            if (!byKey.TryGetValue((village!, key), out var members))
            {
                byKey[(village!, key)] = members = [];
                drafts.Add((village, key, members));
            }
            members.Add(row);
        }
        return drafts.Select(d => new HouseholdDraft(d.Village, d.Key, d.Rows)).ToList();
    }
}
