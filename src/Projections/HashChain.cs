using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        var canonicalHeaders = new JsonObject();
        foreach (var (key, value) in headers.Where(h => h.Key != EventMetadata.Hash).OrderBy(h => h.Key, StringComparer.Ordinal))
            canonicalHeaders[key] = value;
        var input = string.Join('\n',
            previousHash ?? Genesis,
            streamId.ToString("D"),
            version.ToString(CultureInfo.InvariantCulture),
            eventType,
            Canonical(dataJson),
            canonicalHeaders.ToJsonString(),
            correlationId ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
    }

    public static string Canonical(string json) => Canonical(JsonNode.Parse(json));

    private static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, JsonNode? node)
    {
        switch (node)
        {
            case null:
                b.Append("null");
                break;
            case JsonObject obj:
                b.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) b.Append(',');
                    first = false;
                    b.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(b, value);
                }
                b.Append('}');
                break;
            case JsonArray array:
                b.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) b.Append(',');
                    Write(b, array[i]);
                }
                b.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var raw = value.ToJsonString();
                b.Append(decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : raw);
                break;
            default:
                b.Append(node.ToJsonString());
                break;
        }
    }
}
