namespace Registry.Ledger;

/// <summary>One row of the event log as stored, the input of its Merkle leaf.</summary>
/// <param name="RecordedAt">Microseconds since 1970-01-01T00:00:00Z, the database's own precision.</param>
/// <param name="Archived">Marked archived: not part of the leaf, a finding of its own (<see cref="FindingKind.Archived"/>).</param>
public sealed record StoredEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    long Version,
    string Type,
    long RecordedAt,
    string Data,
    string? Headers,
    string? CorrelationId,
    string? UserName,
    string? TenantId,
    bool Archived = false)
{
    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public DateTimeOffset RecordedInstant => new(DateTime.UnixEpoch.Ticks + RecordedAt * 10, TimeSpan.Zero);
}
