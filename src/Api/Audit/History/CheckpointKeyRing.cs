using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Registry.Ledger;

namespace Registry.Api.Audit.History;

public sealed record PublicKeyView(string KeyId, string Algorithm, string PublicKey, bool Current);

/// <summary>The signing key and every public key a checkpoint may name, read once from configuration.</summary>
public sealed class CheckpointKeyRing : IDisposable
{
    private readonly Dictionary<string, ECDsa> _public = [];

    public CheckpointKeyRing(IOptions<AuditOptions> options)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.CheckpointKey))
        {
            Signing = Checkpoints.FromPem(o.CheckpointKey);
            CurrentKeyId = Checkpoints.KeyId(Signing);
            _public[CurrentKeyId] = Checkpoints.FromPem(Checkpoints.PublicPem(Signing));
        }
        foreach (var pem in o.PublicKeys.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var key = Checkpoints.FromPem(pem);
            _public.TryAdd(Checkpoints.KeyId(key), key);
        }
    }

    public ECDsa? Signing { get; }

    public string? CurrentKeyId { get; }

    public IReadOnlyList<PublicKeyView> Keys => _public
        .Select(k => new PublicKeyView(k.Key, Checkpoints.Algorithm, Checkpoints.PublicPem(k.Value), k.Key == CurrentKeyId))
        .OrderByDescending(k => k.Current).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();

    public ECDsa? PublicKey(string keyId) => _public.GetValueOrDefault(keyId);

    public void Dispose()
    {
        Signing?.Dispose();
        foreach (var key in _public.Values) key.Dispose();
    }
}
