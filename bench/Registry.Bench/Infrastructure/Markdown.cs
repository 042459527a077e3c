using System.Globalization;
using System.Text;

namespace Registry.Bench.Infrastructure;

public static class Markdown
{
    public static string Table(string[] headers, IEnumerable<string[]> rows)
    {
        var b = new StringBuilder();
        b.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        b.Append('|').AppendJoin("|", headers.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in rows) b.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return b.ToString();
    }

    public static string N(double value, int decimals = 0) =>
        double.IsNaN(value) ? "n/a" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Pct(double share) => double.IsNaN(share) ? "n/a" : (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
