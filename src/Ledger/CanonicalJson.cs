using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Registry.Ledger;

/// <summary>
/// One byte sequence for one JSON value however the database stored it (jsonb reorders keys and keeps a number's scale):
/// object keys sorted by UTF-16 code units, no whitespace, strings with only <c>"</c>, <c>\</c> and control characters
/// escaped (RFC 8785 rules), numbers as the shortest plain decimal (no exponent, no trailing zeros), as UTF-8.
/// </summary>
public static class CanonicalJson
{
    public static byte[] Bytes(string? json)
    {
        if (string.IsNullOrEmpty(json)) return "null"u8.ToArray();
        using var document = JsonDocument.Parse(json);
        var b = new StringBuilder(json.Length);
        Write(b, document.RootElement);
        return Encoding.UTF8.GetBytes(b.ToString());
    }

    public static void Write(StringBuilder b, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                b.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) b.Append(',');
                    first = false;
                    Quote(b, property.Name);
                    b.Append(':');
                    Write(b, property.Value);
                }
                b.Append('}');
                break;
            case JsonValueKind.Array:
                b.Append('[');
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (i++ > 0) b.Append(',');
                    Write(b, item);
                }
                b.Append(']');
                break;
            case JsonValueKind.String:
                Quote(b, element.GetString()!);
                break;
            case JsonValueKind.Number:
                b.Append(element.TryGetDecimal(out var d) ? (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : element.GetRawText());
                break;
            default:
                b.Append(element.GetRawText());
                break;
        }
    }

    public static void Quote(StringBuilder b, string value)
    {
        b.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case < ' ': b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: b.Append(c); break;
            }
        }
        b.Append('"');
    }
}
