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

    /// <param name="tenant">With a database per district, each district's checkpoints go to a folder named by its code.</param>
    public async Task Write(SignedCheckpoint checkpoint, string tenant, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.CheckpointExportPath)) return;
        try
        {
            var directory = tenant == JasperFx.StorageConstants.DefaultTenantId
                ? options.Value.CheckpointExportPath
                : Path.Combine(options.Value.CheckpointExportPath, tenant);
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, FileName(checkpoint));
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
