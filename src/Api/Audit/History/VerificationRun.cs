using Registry.Ledger;

namespace Registry.Api.Audit.History;

public enum VerificationStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}

/// <summary>A whole-store verification: its progress while it runs, and every finding.</summary>
public sealed record VerificationRun(
    Guid Id,
    VerificationStatus Status,
    string StartedBy,
    string StartedByOrg,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long EventsTotal,
    long EventsChecked,
    long Uncovered,
    long SnapshotsChecked,
    CheckpointCheck? Checkpoint,
    IReadOnlyList<Finding> Findings,
    bool? Valid,
    string? Error);
