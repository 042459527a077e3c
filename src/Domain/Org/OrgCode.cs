using System.ComponentModel;

namespace Registry.Domain.Org;

public enum OrgKind
{
    [Description("区县")] District,
    [Description("乡镇")] Town,
    [Description("村")] Village,
}

/// <summary>
/// 12-digit statistical division codes: province(2) city(2) county(2) town(3) village(3).
/// A unit's subtree is every code sharing its significant prefix.
/// </summary>
public static class OrgCode
{
    public static bool IsWellFormed(string? code) => code is { Length: 12 } && code.All(char.IsAsciiDigit) && code[..2] != "00";

    public static string SignificantPrefix(string code)
    {
        if (code[9..] != "000") return code;
        if (code[6..9] != "000") return code[..9];
        if (code[4..6] != "00") return code[..6];
        if (code[2..4] != "00") return code[..4];
        return code[..2];
    }

    public static OrgKind? KindOf(string code) => SignificantPrefix(code).Length switch
    {
        12 => OrgKind.Village,
        9 => OrgKind.Town,
        6 => OrgKind.District,
        _ => null,
    };

    public static bool Contains(string unitCode, string code) => code.StartsWith(SignificantPrefix(unitCode), StringComparison.Ordinal);

    /// <summary>The unit itself and every unit above it, nearest first: village, town, district, city, province.</summary>
    public static IReadOnlyList<string> Ancestry(string code) =>
        new[] { code, code[..9] + "000", code[..6] + "000000", code[..4] + "00000000", code[..2] + "0000000000" }
            .Where(c => IsWellFormed(c) && Contains(c, code)).Distinct().ToList();

    public static string TownOf(string villageCode) => villageCode[..9] + "000";

    public static string DistrictOf(string code) => code[..6] + "000000";
}
