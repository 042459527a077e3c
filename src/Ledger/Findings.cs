namespace Registry.Ledger;

/// <summary>Something in the store that its signed history does not account for.</summary>
public sealed record Finding(long? Sequence, Guid? StreamId, string Kind, string Detail);

/// <summary>The kinds of finding, stable names for clients.</summary>
public static class FindingKind
{
    public const string Edited = "edited";
    public const string Backdated = "backdated";
    public const string Deleted = "deleted";
    public const string Inserted = "inserted";
    public const string Reordered = "reordered";
    public const string StreamDeleted = "stream-deleted";
    public const string TailCut = "tail-cut";
    public const string LogTruncated = "log-truncated";
    public const string LeavesAltered = "leaves-altered";
    public const string SnapshotMismatch = "snapshot-mismatch";
    public const string CheckpointInvalid = "checkpoint-invalid";
    public const string Archived = "archived";
}

/// <summary>A stored leaf: its hash, and a copy of what it was computed from, to name what changed when it no longer matches.</summary>
public sealed record StoredLeaf(long Index, long Sequence, Guid StreamId, long Version, long RecordedAt, byte[] Hash);
