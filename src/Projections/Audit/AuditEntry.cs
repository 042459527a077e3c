namespace Registry.Projections.Audit;

/// <summary>Who changed what: one entry per event of a household, a signed list or a data problem.</summary>
public sealed record AuditEntry(
    Guid Id,
    long Sequence,
    Guid StreamId,
    string Subject,
    long Version,
    string UnitCode,
    string EventType,
    DateTimeOffset RecordedAt,
    DateOnly? EffectiveOn,
    string? ActorId,
    string? ActorName,
    string? Role,
    string? ActorOrg,
    string? Reason,
    string? CorrelationId,
    string SummaryZh,
    string SummaryEn);
