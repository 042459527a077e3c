namespace Registry.Api.Audit.History;

/// <summary>The <c>Audit</c> section: the checkpoint key, older public keys, the schedule and the export directory.</summary>
public sealed class AuditOptions
{
    /// <summary>PEM of the ECDSA P-256 private key that signs checkpoints; it stays in configuration, never in the database.</summary>
    public string? CheckpointKey { get; set; }

    /// <summary>PEM public keys of earlier checkpoint keys, so checkpoints they signed stay verifiable after a rotation.</summary>
    public List<string> PublicKeys { get; set; } = [];

    /// <summary>How often a checkpoint is issued on its own when the log has grown; off when unset.</summary>
    public TimeSpan? CheckpointEvery { get; set; }

    /// <summary>A directory where each checkpoint is also written as a file, for keeping outside the database; off when unset.</summary>
    public string? CheckpointExportPath { get; set; }

    /// <summary>How long issuing waits for the event log to settle (every event committed before the request numbered without gaps).</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
