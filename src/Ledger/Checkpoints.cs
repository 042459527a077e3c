using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Ledger;

/// <summary>A signed tree head: the root of the first <see cref="TreeSize"/> leaves, signed when issued.</summary>
public sealed record SignedCheckpoint(long TreeSize, byte[] RootHash, DateTimeOffset IssuedAt, string KeyId, byte[] Signature);

/// <summary>
/// Signing and checking checkpoints with ECDSA P-256 over SHA-256 (DER signature, as <c>openssl dgst -sha256 -verify</c>
/// checks it). The signed bytes are the UTF-8 text
/// <c>registry-checkpoint/v1\n{treeSize}\n{base64 root}\n{issuedAt as yyyy-MM-ddTHH:mm:ss.fffZ}\n</c>.
/// </summary>
public static class Checkpoints
{
    public const string Algorithm = "ECDSA-P256-SHA256";

    public static string SignedText(long treeSize, byte[] rootHash, DateTimeOffset issuedAt) =>
        string.Create(CultureInfo.InvariantCulture,
            $"registry-checkpoint/v1\n{treeSize}\n{Convert.ToBase64String(rootHash)}\n{issuedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}Z\n");

    /// <summary>The first 16 hex digits of the SHA-256 of the public key's SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public static SignedCheckpoint Sign(ECDsa key, long treeSize, byte[] rootHash, DateTimeOffset issuedAt)
    {
        var at = new DateTimeOffset(issuedAt.UtcTicks - issuedAt.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var signature = key.SignData(Encoding.UTF8.GetBytes(SignedText(treeSize, rootHash, at)), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return new SignedCheckpoint(treeSize, rootHash, at, KeyId(key), signature);
    }

    /// <summary>Whether the leaves are all there for a checkpoint and their first ones make its root.</summary>
    public static bool RootHeld(SignedCheckpoint checkpoint, LeafBuffer leaves) =>
        leaves.Count >= checkpoint.TreeSize && leaves.Root(checkpoint.TreeSize).AsSpan().SequenceEqual(checkpoint.RootHash);

    public static bool Verify(SignedCheckpoint checkpoint, ECDsa publicKey) =>
        KeyId(publicKey) == checkpoint.KeyId &&
        publicKey.VerifyData(Encoding.UTF8.GetBytes(SignedText(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt)), checkpoint.Signature,
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>A key from PEM: a private key (PKCS#8 or SEC1) or a public key (SubjectPublicKeyInfo).</summary>
    public static ECDsa FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256) throw new CryptographicException("The checkpoint key is ECDSA P-256.");
        return key;
    }

    public static string PublicPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem();
}
