using System.Security.Cryptography;
using Registry.Ledger;

namespace Registry.Domain.Tests.Ledger;

public sealed class MerkleTreeSpecs
{
    /// <summary>The leaves and roots every RFC 6962/9162 implementation is checked against (certificate-transparency test data).</summary>
    private static readonly string[] ReferenceLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] ReferenceRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static LeafBuffer Leaves(int n)
    {
        var buffer = new LeafBuffer();
        for (var i = 0; i < n; i++) buffer.Add(MerkleTree.LeafHash(BitConverter.GetBytes(i)));
        return buffer;
    }

    /// <summary>RFC 9162's definition read literally, as the reference for the iterative code.</summary>
    private static byte[] Mth(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 1) return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Count) k *= 2;
        return MerkleTree.NodeHash(Mth(leaves.Take(k).ToList()), Mth(leaves.Skip(k).ToList()));
    }

    [Fact]
    public void Roots_match_the_reference_test_data()
    {
        var buffer = new LeafBuffer();
        for (var n = 1; n <= ReferenceLeaves.Length; n++)
        {
            buffer.Add(MerkleTree.LeafHash(Convert.FromHexString(ReferenceLeaves[n - 1])));
            Convert.ToHexStringLower(buffer.Root(n)).ShouldBe(ReferenceRoots[n - 1], $"tree size {n}");
        }
        Convert.ToHexStringLower(MerkleTree.EmptyRoot()).ShouldBe(Convert.ToHexStringLower(SHA256.HashData([])));
    }

    [Fact]
    public void Every_root_of_1_to_64_leaves_follows_the_definition()
    {
        var buffer = Leaves(64);
        var list = Enumerable.Range(0, 64).Select(i => buffer.Span.Slice(i * 32, 32).ToArray()).ToList();
        for (var n = 1; n <= 64; n++) buffer.Root(n).ShouldBe(Mth(list.Take(n).ToList()), $"tree size {n}");
    }

    [Fact]
    public void Every_inclusion_proof_of_1_to_64_leaves_verifies_and_a_wrong_one_does_not()
    {
        var buffer = Leaves(64);
        for (var n = 1; n <= 64; n++)
        {
            var root = buffer.Root(n);
            for (var i = 0; i < n; i++)
            {
                var leaf = buffer.Span.Slice(i * 32, 32);
                var path = MerkleTree.InclusionProof(buffer.Span, i, n);
                MerkleTree.VerifyInclusion(i, n, leaf, path, root).ShouldBeTrue($"leaf {i} of {n}");
                if (n < 64) MerkleTree.VerifyInclusion(i, n, leaf, path, buffer.Root(n + 1)).ShouldBeFalse();
                if (n > 1) MerkleTree.VerifyInclusion((i + 1) % n, n, leaf, path, root).ShouldBeFalse();
                if (path.Count > 0)
                {
                    var forged = path.Select(p => p.ToArray()).ToList();
                    forged[^1][0] ^= 1;
                    MerkleTree.VerifyInclusion(i, n, leaf, forged, root).ShouldBeFalse();
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_between_sizes_1_to_64_verifies_and_a_wrong_one_does_not()
    {
        var buffer = Leaves(64);
        for (var n = 1; n <= 64; n++)
        {
            var to = buffer.Root(n);
            for (var m = 1; m <= n; m++)
            {
                var from = buffer.Root(m);
                var proof = MerkleTree.ConsistencyProof(buffer.Span, m, n);
                MerkleTree.VerifyConsistency(m, n, from, to, proof).ShouldBeTrue($"{m} to {n}");
                if (m < n)
                {
                    MerkleTree.VerifyConsistency(m, n, buffer.Root(m + 1), to, proof).ShouldBeFalse();
                    var forged = proof.Select(p => p.ToArray()).ToList();
                    forged[0][0] ^= 1;
                    MerkleTree.VerifyConsistency(m, n, from, to, forged).ShouldBeFalse();
                }
            }
        }
    }

    [Fact]
    public void Proofs_outside_the_tree_are_refused()
    {
        var buffer = Leaves(8);
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(buffer.Span, 8, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(buffer.Span, 0, 8));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(buffer.Span, 5, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.Root(buffer.Span, 9));
    }
}
