using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Projections;

/// <summary>
/// Tamper evidence: each event's hash covers the previous event's hash, its stream, version, type,
/// data and metadata, all in a canonical JSON form so the database's jsonb storage does not change it.
/// </summary>
public static class HashChain
{
    public const string Genesis = "genesis";

    public static string Compute(string? previousHash, Guid streamId, long version, string eventType, string dataJson,
        IReadOnlyDictionary<string, string?> headers, string? correlationId)
    {
        var canonicalHeaders = new StringBuilder("{");
        foreach (var (key, value) in headers.Where(h => h.Key != EventMetadata.Hash).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (canonicalHeaders.Length > 1) canonicalHeaders.Append(',');
            String(canonicalHeaders, key);
            canonicalHeaders.Append(':');
            if (value is null) canonicalHeaders.Append("null");
            else String(canonicalHeaders, value);
        }
        canonicalHeaders.Append('}');
        var input = string.Join('\n',
            previousHash ?? Genesis,
            streamId.ToString("D"),
            version.ToString(CultureInfo.InvariantCulture),
            eventType,
            Canonical(dataJson),
            canonicalHeaders.ToString(),
            correlationId ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
    }

    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        var builder = new StringBuilder(json.Length + json.Length / 2);
        Write(builder, document.RootElement);
        return builder.ToString();
    }

    // Walks the parsed document once, without building a node tree: keys in ordinal order, strings escaped by the default
    // encoder, numbers through decimal so 1.50 and 1.5 agree.
    private static void Write(StringBuilder b, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject()) properties.Add(property);
                properties.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
                b.Append('{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0) b.Append(',');
                    String(b, properties[i].Name);
                    b.Append(':');
                    Write(b, properties[i].Value);
                }
                b.Append('}');
                break;
            case JsonValueKind.Array:
                b.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) b.Append(',');
                    first = false;
                    Write(b, item);
                }
                b.Append(']');
                break;
            case JsonValueKind.String:
                String(b, element.GetString()!);
                break;
            case JsonValueKind.Number:
                b.Append(Ledger.CanonicalNumber.Of(element.GetRawText()));
                break;
            case JsonValueKind.True:
                b.Append("true");
                break;
            case JsonValueKind.False:
                b.Append("false");
                break;
            default:
                b.Append("null");
                break;
        }
    }

    private static void String(StringBuilder b, string value) => b.Append('"').Append(JsonEncodedText.Encode(value).Value).Append('"');
}
