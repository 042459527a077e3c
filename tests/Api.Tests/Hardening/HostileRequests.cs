using System.Text;
using System.Text.Json;
using CsCheck;

namespace Registry.Api.Tests.Hardening;

public enum Caller
{
    District,
    Clerk,
    None,
    Garbage,
}

/// <summary>One generated request: a route with values, query, headers and a body that may be anything.</summary>
public sealed record HostileRequest(
    int Route,
    IReadOnlyList<string?> RouteValues,
    IReadOnlyList<(string Name, string Value)> Query,
    IReadOnlyList<(string Name, string Value)> Headers,
    string? ContentType,
    byte[]? Body,
    Caller Caller)
{
    public override string ToString() =>
        $"route {Route} values [{string.Join(", ", RouteValues.Select(v => v ?? "(known)"))}] query [{string.Join("&", Query.Select(q => q.Name + "=" + q.Value))}] " +
        $"headers [{string.Join(", ", Headers.Select(h => h.Name + ": " + h.Value))}] {ContentType} {Caller} body {Preview(Body)}";

    private static string Preview(byte[]? body) => body is null ? "(none)" : body.Length > 300 ? $"{body.Length} bytes" : Encoding.UTF8.GetString(body);
}

/// <summary>Generators of hostile input: random and malformed values with a bias towards the names and shapes the API knows.</summary>
public static class HostileRequests
{
    public static readonly string[] FieldNames =
    [
        "id", "villageCode", "groupName", "address", "status", "identifiedYear", "exitYear", "registeredOn", "members", "name", "idNumber",
        "relation", "phone", "schoolStatus", "health", "disability", "laborCapacity", "workStatus", "reason", "effectiveDate", "member", "note",
        "year", "wage", "business", "property", "transfer", "productionCosts", "assessedOn", "risks", "recordedOn", "category", "description",
        "startedOn", "amount", "responsible", "kind", "step", "outcome", "occurredOn", "evidence", "attendees", "votesFor", "code", "parentCode",
        "isPoorVillage", "povertyLine", "monitoringLine", "householdIds", "list", "userId", "role", "org", "certifiedOn",
    ];

    public static readonly string[] QueryNames =
    [
        "org", "status", "monitoring", "risk", "q", "page", "pageSize", "asOf", "effectiveOn", "version", "actor", "from", "to", "type", "household",
        "kind", "step", "eliminated",
    ];

    private static readonly string[] Nasty =
    [
        "", " ", "null", "undefined", "0", "-1", "-0", "1e400", "NaN", "Infinity", "99999999999999999999999999999", "2147483648", "true",
        "../../etc/passwd", "..%2F..%2F", "%00", "\0", "' or 1=1 --", "\"; drop table x; --", "<script>alert(1)</script>", "${jndi:ldap://x}",
        "\u202e\u0645\u0631\u062d\u0628\u0627", "\ud83d\ude00", "\uFEFF", "𠀀𠀁", "王大山", "%", "_", "\\", "*", "W/\"1\"", "\"1\"", "\"-5\"", "\"99999999999999999999\"",
        "00000000-0000-0000-0000-000000000000", "2020-02-30", "2020-13-01", "0001-01-01", "9999-12-31T23:59:59Z", "500101000000", "5001010000001",
        "50010119700101001X", "500101197001010019", "Head", "Poor", "Education", "Identification", "DistrictOfficer", "Passed",
    ];

    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(Nasty)),
        (2, Gen.String[0, 40]),
        (1, Gen.Char.Array[0, 12].Select(c => new string(c))),
        (1, Gen.Int[1, 5000].Select(n => new string('9', n))),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Guid.Select(g => g.ToString())));

    private static readonly Gen<string> JsonLeaf = Gen.Frequency(
        (3, Text.Select(s => JsonSerializer.Serialize(s))),
        (2, Gen.OneOf("null", "true", "false", "0", "-1", "1e400", "-1e400", "99999999999999999999999999999", "1.5", "-0", "0.000000000000000000001", "[]", "{}")),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Decimal.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, self) => depth >= 3
        ? JsonLeaf
        : Gen.Frequency(
            (5, JsonLeaf),
            (1, self.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Object(self))));

    private static Gen<string> Object(Gen<string> values) =>
        Gen.Select(Gen.Frequency((5, Gen.OneOf(FieldNames)), (1, Text)), values).Array[0, 8]
            .Select(fields => "{" + string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Item1) + ":" + f.Item2)) + "}");

    private static readonly Gen<byte[]?> Body = Gen.Frequency(
        (5, Object(JsonValue).Select(s => (byte[]?)Encoding.UTF8.GetBytes(s))),
        (2, Gen.Select(Object(JsonValue), Gen.Int[0, 100]).Select(x => (byte[]?)Encoding.UTF8.GetBytes(x.Item1[..Math.Min(x.Item2, x.Item1.Length)]))),
        (1, Gen.Int[20, 200].Select(n => (byte[]?)Encoding.UTF8.GetBytes("{\"members\":" + new string('[', n) + new string(']', n) + "}"))),
        (1, Gen.Byte.Array[0, 64].Select(b => (byte[]?)b)),
        (1, Text.Select(s => (byte[]?)Encoding.UTF8.GetBytes(s))),
        (1, Gen.Const((byte[]?)null)));

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (6, Gen.Const((string?)"application/json")),
        (1, Gen.OneOf<string?>("text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "*/*", "application/problem+json", "garbage", null)));

    private static readonly Gen<(string, string)> Header = Gen.Select(
        Gen.OneOf("If-Match", "Idempotency-Key", "X-Correlation-Id", "Accept", "If-None-Match", "X-Forwarded-For", "Origin"),
        Gen.Frequency((4, Text), (1, Gen.Int[201, 2000].Select(n => new string('k', n)))));

    public static Gen<HostileRequest> For(int routes, int maxParameters) => Gen.Select(
        Gen.Int[0, routes - 1],
        Gen.Frequency((3, Gen.Const((string?)null)), (2, Text.Select(s => (string?)s))).Array[maxParameters],
        Gen.Select(Gen.Frequency((4, Gen.OneOf(QueryNames)), (1, Text)), Text).Array[0, 4],
        Header.Array[0, 4],
        ContentType,
        Body,
        Gen.Frequency((6, Gen.Const(Caller.District)), (2, Gen.Const(Caller.Clerk)), (1, Gen.Const(Caller.None)), (1, Gen.Const(Caller.Garbage))))
        .Select(x => new HostileRequest(x.Item1, x.Item2, x.Item3, x.Item4, x.Item5, x.Item6, x.Item7));
}
