using System.Security.Cryptography;

namespace Registry.Ledger;

/// <summary>
/// The Merkle tree of RFC 9162 (section 2.1) over a list of leaf hashes: tree heads, inclusion and consistency proofs,
/// and their verification. Leaves are given as one buffer of 32-byte hashes in leaf order.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    public static byte[] LeafHash(ReadOnlySpan<byte> leafBytes)
    {
        var input = new byte[leafBytes.Length + 1];
        leafBytes.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * HashSize];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The hash of the empty tree, SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>MTH(D[0:n]), the root of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(ReadOnlySpan<byte> leaves, long size)
    {
        Check(leaves, size);
        return size == 0 ? EmptyRoot() : Mth(leaves[..(int)(size * HashSize)]);
    }

    /// <summary>PATH(m, D[0:n]): the audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(ReadOnlySpan<byte> leaves, long index, long size)
    {
        Check(leaves, size);
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), "The leaf lies outside the tree.");
        var path = new List<byte[]>();
        Path(leaves[..(int)(size * HashSize)], index, path);
        return path;
    }

    /// <summary>PROOF(m, D[0:n]): that the tree of the first <paramref name="from"/> leaves is a prefix of the tree of <paramref name="to"/>.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(ReadOnlySpan<byte> leaves, long from, long to)
    {
        Check(leaves, to);
        if (from < 1 || from > to) throw new ArgumentOutOfRangeException(nameof(from), "A consistency proof needs 0 < from <= to.");
        var proof = new List<byte[]>();
        if (from < to) SubProof(from, leaves[..(int)(to * HashSize)], true, proof);
        return proof;
    }

    /// <summary>RFC 9162 section 2.1.3.2.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size) return false;
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 section 2.1.4.2.</summary>
    public static bool VerifyConsistency(long from, long to, ReadOnlySpan<byte> fromRoot, ReadOnlySpan<byte> toRoot, IReadOnlyList<byte[]> proof)
    {
        if (from < 1 || from > to) return false;
        if (from == to) return proof.Count == 0 && fromRoot.SequenceEqual(toRoot);
        if (proof.Count == 0) return false;
        var path = new List<byte[]>(proof.Count + 1);
        if ((from & (from - 1)) == 0) path.Add(fromRoot.ToArray());
        path.AddRange(proof);
        var fn = from - 1;
        var sn = to - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(fromRoot) && sr.AsSpan().SequenceEqual(toRoot);
    }

    private static void Check(ReadOnlySpan<byte> leaves, long size)
    {
        if (size < 0 || size * HashSize > leaves.Length)
            throw new ArgumentOutOfRangeException(nameof(size), "The tree is larger than the leaves given.");
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n > 1).</summary>
    private static long Split(long n)
    {
        var k = 1L;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    private static byte[] Mth(ReadOnlySpan<byte> leaves)
    {
        var n = leaves.Length / HashSize;
        if (n == 1) return leaves.ToArray();
        var k = (int)Split(n) * HashSize;
        return NodeHash(Mth(leaves[..k]), Mth(leaves[k..]));
    }

    private static void Path(ReadOnlySpan<byte> leaves, long m, List<byte[]> path)
    {
        var n = leaves.Length / HashSize;
        if (n == 1) return;
        var k = Split(n);
        var cut = (int)k * HashSize;
        if (m < k)
        {
            Path(leaves[..cut], m, path);
            path.Add(Mth(leaves[cut..]));
        }
        else
        {
            Path(leaves[cut..], m - k, path);
            path.Add(Mth(leaves[..cut]));
        }
    }

    private static void SubProof(long m, ReadOnlySpan<byte> leaves, bool whole, List<byte[]> proof)
    {
        var n = leaves.Length / HashSize;
        if (m == n)
        {
            if (!whole) proof.Add(Mth(leaves));
            return;
        }
        var k = Split(n);
        var cut = (int)k * HashSize;
        if (m <= k)
        {
            SubProof(m, leaves[..cut], whole, proof);
            proof.Add(Mth(leaves[cut..]));
        }
        else
        {
            SubProof(m - k, leaves[cut..], false, proof);
            proof.Add(Mth(leaves[..cut]));
        }
    }
}
