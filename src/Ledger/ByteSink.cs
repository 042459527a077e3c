using System.Buffers.Binary;
using System.Text;

namespace Registry.Ledger;

/// <summary>A growable byte buffer for building leaf bytes without intermediate strings.</summary>
internal sealed class ByteSink
{
    private byte[] _bytes = new byte[4096];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Byte(byte value)
    {
        Ensure(1);
        _bytes[Length++] = value;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    public void Utf8(ReadOnlySpan<char> value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        Length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(Length));
    }

    public void Int64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_bytes.AsSpan(Length), value);
        Length += 8;
    }

    /// <summary>Leaves room for a u32 length and returns where, for <see cref="EndLength"/>.</summary>
    public int BeginLength()
    {
        Ensure(4);
        Length += 4;
        return Length;
    }

    public void EndLength(int start) => BinaryPrimitives.WriteUInt32BigEndian(_bytes.AsSpan(start - 4), (uint)(Length - start));

    private void Ensure(int more)
    {
        if (Length + more > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
    }
}
