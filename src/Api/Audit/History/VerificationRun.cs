using Registry.Ledger;

namespace Registry.Api.Audit.History;

public enum VerificationStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}

/// <summary>A whole-store verification: its progress while it runs, and its findings (the first <see cref="MaxFindings"/>; <see cref="FindingsTotal"/> counts all).</summary>
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
    long FindingsTotal,
    bool? Valid,
    string? Error)
{
    public const int MaxFindings = 1000;
}
