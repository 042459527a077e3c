using System.Security.Cryptography;

namespace Registry.Ledger;

/// <summary>
/// The bytes of an event's Merkle leaf (before the RFC 9162 <c>0x00</c> prefix), version 1:
/// <code>
/// str  "registry.leaf.v1"
/// u64  sequence
/// u128 stream id (RFC 9562 byte order, the UUID's text read left to right)
/// u64  version
/// str  event type
/// i64  recorded instant, microseconds since 1970-01-01T00:00:00Z
/// str  data, canonical JSON
/// str  metadata, canonical JSON {"correlationId","eventId","headers","tenantId","userName"} (absent values null)
/// </code>
/// Integers are big-endian; <c>str</c> is a u32 big-endian byte length and that many UTF-8 bytes.
/// </summary>
public static class LeafEncoding
{
    public const string Version1 = "registry.leaf.v1";

    [ThreadStatic] private static ByteSink? _sink;

    public static byte[] Bytes(StoredEvent e)
    {
        var sink = new ByteSink();
        Write(sink, e);
        return sink.Span.ToArray();
    }

    public static byte[] LeafHash(StoredEvent e)
    {
        var sink = _sink ??= new ByteSink();
        sink.Clear();
        sink.Byte(0);
        Write(sink, e);
        return SHA256.HashData(sink.Span);
    }

    private static void Write(ByteSink sink, StoredEvent e)
    {
        Str(sink, Version1);
        sink.Int64(e.Sequence);
        Span<byte> id = stackalloc byte[16];
        e.StreamId.TryWriteBytes(id, bigEndian: true, out _);
        sink.Bytes(id);
        sink.Int64(e.Version);
        Str(sink, e.Type);
        sink.Int64(e.RecordedAt);
        var data = sink.BeginLength();
        CanonicalJson.Write(sink, e.Data);
        sink.EndLength(data);
        var metadata = sink.BeginLength();
        sink.Bytes("{\"correlationId\":"u8);
        Text(sink, e.CorrelationId);
        sink.Bytes(",\"eventId\":"u8);
        Text(sink, e.EventId.ToString("D"));
        sink.Bytes(",\"headers\":"u8);
        CanonicalJson.Write(sink, e.Headers);
        sink.Bytes(",\"tenantId\":"u8);
        Text(sink, e.TenantId);
        sink.Bytes(",\"userName\":"u8);
        Text(sink, e.UserName);
        sink.Byte((byte)'}');
        sink.EndLength(metadata);
    }

    private static void Str(ByteSink sink, string value)
    {
        var start = sink.BeginLength();
        sink.Utf8(value);
        sink.EndLength(start);
    }

    private static void Text(ByteSink sink, string? value)
    {
        if (value is null) sink.Bytes("null"u8);
        else CanonicalJson.Quote(sink, value);
    }
}
