using System.Security.Cryptography;
using Registry.Ledger;

namespace Registry.Domain.Tests.Ledger;

public sealed class LeafEncodingSpecs
{
    private static readonly StoredEvent Sample = new(7, Guid.Parse("0193b6a4-1f2e-7c3d-8e4f-5a6b7c8d9e0f"), Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), 3,
        "household.registered.v1", 1_600_000_000_123_456, """{"b": 1.50, "a": "王\"x"}""", """{"actor-id": "u1"}""", "c1", null, "*DEFAULT*");

    [Fact]
    public void The_leaf_is_the_same_however_the_database_spells_the_json()
    {
        var respelled = Sample with { Data = """{ "a":"王\u0022x","b":1.5 }""" };
        LeafEncoding.LeafHash(respelled).ShouldBe(LeafEncoding.LeafHash(Sample));
    }

    [Fact]
    public void The_leaf_bytes_are_laid_out_as_documented()
    {
        var bytes = LeafEncoding.Bytes(Sample);
        var expected = new MemoryStream();
        void Str(string s)
        {
            var b = System.Text.Encoding.UTF8.GetBytes(s);
            expected.Write([(byte)(b.Length >> 24), (byte)(b.Length >> 16), (byte)(b.Length >> 8), (byte)b.Length]);
            expected.Write(b);
        }
        void U64(long v) => expected.Write(BitConverter.GetBytes(v).Reverse().ToArray());
        Str("registry.leaf.v1");
        U64(7);
        expected.Write(Convert.FromHexString("00112233445566778899aabbccddeeff"));
        U64(3);
        Str("household.registered.v1");
        U64(1_600_000_000_123_456);
        Str("""{"a":"王\"x","b":1.5}""");
        Str("""{"correlationId":"c1","eventId":"0193b6a4-1f2e-7c3d-8e4f-5a6b7c8d9e0f","headers":{"actor-id":"u1"},"tenantId":"*DEFAULT*","userName":null}""");
        bytes.ShouldBe(expected.ToArray());
        LeafEncoding.LeafHash(Sample).ShouldBe(SHA256.HashData([0, .. bytes]));
    }

    [Theory]
    [InlineData("Sequence")]
    [InlineData("Stream")]
    [InlineData("Version")]
    [InlineData("Type")]
    [InlineData("RecordedAt")]
    [InlineData("Data")]
    [InlineData("Headers")]
    [InlineData("Correlation")]
    public void Every_field_is_covered(string field)
    {
        var changed = field switch
        {
            "Sequence" => Sample with { Sequence = 8 },
            "Stream" => Sample with { StreamId = Guid.NewGuid() },
            "Version" => Sample with { Version = 4 },
            "Type" => Sample with { Type = "household.visited.v1" },
            "RecordedAt" => Sample with { RecordedAt = Sample.RecordedAt - 1 },
            "Data" => Sample with { Data = """{"a": "王\"x", "b": 1.51}""" },
            "Headers" => Sample with { Headers = """{"actor-id": "u2"}""" },
            _ => Sample with { CorrelationId = "c2" },
        };
        LeafEncoding.LeafHash(changed).ShouldNotBe(LeafEncoding.LeafHash(Sample));
    }

    [Fact]
    public void A_checkpoint_verifies_with_its_public_key_only()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var checkpoint = Checkpoints.Sign(key, 5, new byte[32], DateTimeOffset.Parse("2026-01-02T03:04:05.6789Z"));
        checkpoint.IssuedAt.ShouldBe(DateTimeOffset.Parse("2026-01-02T03:04:05.678Z"));
        using var publicKey = Checkpoints.FromPem(Checkpoints.PublicPem(key));
        Checkpoints.Verify(checkpoint, publicKey).ShouldBeTrue();
        Checkpoints.Verify(checkpoint with { TreeSize = 6 }, publicKey).ShouldBeFalse();
        Checkpoints.Verify(checkpoint, other).ShouldBeFalse();
    }
}
