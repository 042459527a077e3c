using System.ComponentModel;
using Registry.Api.Infrastructure;

namespace Registry.Api.Bulk;

public enum ExportStatus
{
    [Description("排队中")] Pending,
    [Description("导出中")] Running,
    [Description("已完成")] Completed,
    [Description("失败")] Failed,
    [Description("已过期")] Expired,
}

/// <summary>
/// A background export of a unit's roster: how far it has come (<see cref="Processed"/> of <see cref="Total"/> households)
/// and, once completed, where its file is downloaded. Only the user who asked for it sees it: the file shows ID numbers as
/// that user's role may read them.
/// </summary>
public sealed record ExportJob(
    Guid Id,
    string Org,
    SheetFormat Format,
    string RequestedBy,
    ExportStatus Status,
    int Total,
    int Processed,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    long? Bytes = null,
    string? Failure = null)
{
    public Actor? Requester { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>When a finished export's file is removed (<c>Exports:RetainFor</c> after it finished); its record is removed that long after again.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool IsFinished => Status is ExportStatus.Completed or ExportStatus.Failed or ExportStatus.Expired;

    /// <summary>Where the finished file is downloaded; none before.</summary>
    public string? Download => Status == ExportStatus.Completed ? $"/api/exports/{Id}/file" : null;

    /// <summary>As a reader is shown it at <paramref name="now"/>: past its retention it is expired, whether or not its file's removal has run.</summary>
    public ExportJob AsOf(DateTimeOffset now) => Status == ExportStatus.Completed && ExpiresAt <= now ? this with { Status = ExportStatus.Expired } : this;

    public string FileName => $"households-{Org}.{SheetFormats.Extension(Format)}";
}
