using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Registry.Ledger;

namespace Registry.Api.Audit.History;

/// <summary>One file per checkpoint in <c>Audit:CheckpointExportPath</c>, for an auditor to keep outside the database.</summary>
public sealed class CheckpointExport(IOptions<AuditOptions> options, CheckpointKeyRing keys, ILogger<CheckpointExport> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string FileName(SignedCheckpoint c) =>
        string.Create(CultureInfo.InvariantCulture, $"checkpoint-{c.TreeSize:D12}-{c.IssuedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}.json");

    public async Task Write(SignedCheckpoint checkpoint, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.CheckpointExportPath)) return;
        try
        {
            Directory.CreateDirectory(options.Value.CheckpointExportPath);
            var file = Path.Combine(options.Value.CheckpointExportPath, FileName(checkpoint));
            var body = new CheckpointFile(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt, checkpoint.KeyId, checkpoint.Signature,
                Checkpoints.Algorithm, Checkpoints.SignedText(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt),
                keys.PublicKey(checkpoint.KeyId) is { } key ? Checkpoints.PublicPem(key) : null);
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(body, Json), ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The checkpoint is issued and kept in the database either way; a missing file is for the operator to see, not the caller.
            logger.LogError(e, "Checkpoint {TreeSize} could not be exported to {Path}", checkpoint.TreeSize, options.Value.CheckpointExportPath);
        }
    }
}

/// <summary>An exported checkpoint: the checkpoint itself, and for convenience the signed text and the public key named by its key id.</summary>
public sealed record CheckpointFile(long TreeSize, byte[] RootHash, DateTimeOffset IssuedAt, string KeyId, byte[] Signature, string Algorithm,
    string SignedText, string? PublicKey);
