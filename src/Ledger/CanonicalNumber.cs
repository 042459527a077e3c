using System.Globalization;

namespace Registry.Ledger;

/// <summary>
/// A JSON number in canonical form: through <see cref="decimal"/>, so that 1.50 and 1.5 agree, but only where decimal holds it
/// exactly; a number it would round (more digits than it carries) keeps its own text, so no two different numbers hash alike.
/// </summary>
public static class CanonicalNumber
{
    public static string Of(string raw)
    {
        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return raw;
        var canonical = (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        // A number written with an exponent is taken at decimal's reading; neither the service nor PostgreSQL writes one.
        return raw.Contains('e', StringComparison.OrdinalIgnoreCase) || canonical == Plain(raw) ? canonical : raw;
    }

    /// <summary>The number as written, without a plus sign, leading zeros, trailing zeros of its fraction or a negative zero's sign.</summary>
    private static string Plain(string raw)
    {
        var negative = raw.StartsWith('-');
        var digits = raw.TrimStart('-', '+');
        if (digits.Contains('.')) digits = digits.TrimEnd('0').TrimEnd('.');
        digits = digits.TrimStart('0');
        if (digits.Length == 0 || digits[0] == '.') digits = "0" + digits;
        return negative && digits != "0" ? "-" + digits : digits;
    }
}
