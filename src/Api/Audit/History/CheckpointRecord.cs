using Registry.Ledger;

namespace Registry.Api.Audit.History;

/// <summary>An issued checkpoint as kept by the service; <see cref="IssuedBy"/> is a user id or <c>schedule</c>.</summary>
public sealed record CheckpointRecord(Guid Id, long TreeSize, byte[] RootHash, DateTimeOffset IssuedAt, string KeyId, byte[] Signature, string IssuedBy)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public SignedCheckpoint Signed => new(TreeSize, RootHash, IssuedAt, KeyId, Signature);
}
