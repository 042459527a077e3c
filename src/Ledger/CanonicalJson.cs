using System.Globalization;

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
        var sink = new ByteSink();
        Write(sink, json);
        return sink.Span.ToArray();
    }

    internal static void Write(ByteSink sink, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            sink.Bytes("null"u8);
            return;
        }
        using var document = JsonDocument.Parse(json);
        Write(sink, document.RootElement);
    }

    private static void Write(ByteSink sink, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<(string Name, JsonElement Value)>();
                foreach (var property in element.EnumerateObject()) properties.Add((property.Name, property.Value));
                properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                sink.Byte((byte)'{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0) sink.Byte((byte)',');
                    Quote(sink, properties[i].Name);
                    sink.Byte((byte)':');
                    Write(sink, properties[i].Value);
                }
                sink.Byte((byte)'}');
                break;
            case JsonValueKind.Array:
                sink.Byte((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) sink.Byte((byte)',');
                    first = false;
                    Write(sink, item);
                }
                sink.Byte((byte)']');
                break;
            case JsonValueKind.String:
                Quote(sink, element.GetString()!);
                break;
            case JsonValueKind.Number:
                sink.Utf8(CanonicalNumber.Of(element.GetRawText()));
                break;
            default:
                sink.Utf8(element.GetRawText());
                break;
        }
    }

    internal static void Quote(ByteSink sink, string value)
    {
        sink.Byte((byte)'"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\') continue;
            sink.Utf8(value.AsSpan(start, i - start));
            sink.Utf8(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
            start = i + 1;
        }
        sink.Utf8(value.AsSpan(start));
        sink.Byte((byte)'"');
    }

}
