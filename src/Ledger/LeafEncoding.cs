using System.Buffers.Binary;
using System.Text;

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

    public static byte[] Bytes(StoredEvent e)
    {
        using var stream = new MemoryStream(256 + e.Data.Length);
        Str(stream, Encoding.UTF8.GetBytes(Version1));
        U64(stream, e.Sequence);
        Span<byte> id = stackalloc byte[16];
        e.StreamId.TryWriteBytes(id, bigEndian: true, out _);
        stream.Write(id);
        U64(stream, e.Version);
        Str(stream, Encoding.UTF8.GetBytes(e.Type));
        U64(stream, e.RecordedAt);
        Str(stream, CanonicalJson.Bytes(e.Data));
        Str(stream, Metadata(e));
        return stream.ToArray();
    }

    public static byte[] LeafHash(StoredEvent e) => MerkleTree.LeafHash(Bytes(e));

    private static byte[] Metadata(StoredEvent e)
    {
        var b = new StringBuilder();
        b.Append("{\"correlationId\":");
        Text(b, e.CorrelationId);
        b.Append(",\"eventId\":");
        Text(b, e.EventId.ToString("D"));
        b.Append(",\"headers\":");
        b.Append(Encoding.UTF8.GetString(CanonicalJson.Bytes(e.Headers)));
        b.Append(",\"tenantId\":");
        Text(b, e.TenantId);
        b.Append(",\"userName\":");
        Text(b, e.UserName);
        b.Append('}');
        return Encoding.UTF8.GetBytes(b.ToString());
    }

    private static void Text(StringBuilder b, string? value)
    {
        if (value is null) b.Append("null");
        else CanonicalJson.Quote(b, value);
    }

    private static void U64(Stream stream, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void Str(Stream stream, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
