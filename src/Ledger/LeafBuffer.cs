namespace Registry.Ledger;

/// <summary>Leaf hashes in leaf order, in one growing buffer, the input of <see cref="MerkleTree"/>.</summary>
public sealed class LeafBuffer
{
    private byte[] _bytes = new byte[MerkleTree.HashSize * 1024];

    public long Count { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, (int)(Count * MerkleTree.HashSize));

    public void Add(ReadOnlySpan<byte> hash)
    {
        var at = (int)(Count * MerkleTree.HashSize);
        if (at + MerkleTree.HashSize > _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        hash.CopyTo(_bytes.AsSpan(at));
        Count++;
    }

    public byte[] Root(long size) => MerkleTree.Root(Span, size);
}
