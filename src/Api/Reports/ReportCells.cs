using System.Globalization;
using Registry.Api.Bulk;

namespace Registry.Api.Reports;

/// <summary>How a list writes a value into a cell.</summary>
public static class ReportCells
{
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Labels<T>(IEnumerable<T> values) where T : struct, Enum => string.Join("、", values.Select(EnumLabels.Label));

    public static string YesNo(bool value) => value ? "是" : "否";
}
