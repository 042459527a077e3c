using Registry.Api.Infrastructure;

namespace Registry.Api.Bulk;

public enum ImportStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}

public sealed record ImportCounts(
    int RowsTotal,
    int RowsProcessed,
    int HouseholdsTotal,
    int HouseholdsApplied,
    int HouseholdsRejected,
    int HouseholdsAlreadyImported)
{
    public static readonly ImportCounts None = new(0, 0, 0, 0, 0, 0);

    public ImportCounts Add(ImportVerdict verdict) => this with
    {
        RowsProcessed = RowsProcessed + verdict.Rows.Count,
        HouseholdsApplied = HouseholdsApplied + (verdict.Verdict == Verdicts.Applied ? 1 : 0),
        HouseholdsRejected = HouseholdsRejected + (verdict.Verdict == Verdicts.Rejected ? 1 : 0),
        HouseholdsAlreadyImported = HouseholdsAlreadyImported + (verdict.Verdict == Verdicts.AlreadyImported ? 1 : 0),
    };

    /// <summary>How many households have the verdict given, or any verdict.</summary>
    public int Households(string? verdict) => verdict switch
    {
        Verdicts.Applied => HouseholdsApplied,
        Verdicts.Rejected => HouseholdsRejected,
        Verdicts.AlreadyImported => HouseholdsAlreadyImported,
        _ => HouseholdsApplied + HouseholdsRejected + HouseholdsAlreadyImported,
    };
}

public sealed record ImportFailure(string Code, string Message);

/// <summary>One upload and its progress; the runner is its only writer once it is accepted.</summary>
public sealed record ImportRecord(
    Guid Id,
    string FileName,
    SheetFormat Format,
    ImportStatus Status,
    Actor CreatedBy,
    string CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    ImportCounts Counts,
    ImportFailure? Failure)
{
    public bool IsFinished => Status is ImportStatus.Completed or ImportStatus.Failed;
}

/// <summary>The uploaded bytes, kept until the import finishes so a restarted server can resume it.</summary>
public sealed record ImportFile(Guid Id, byte[] Content);

public static class Verdicts
{
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string AlreadyImported = "already-imported";

    public static readonly string[] All = [Applied, Rejected, AlreadyImported];
}

/// <param name="Column">The header as the sheet wrote it.</param>
/// <param name="Field">The English field name of the column.</param>
public sealed record RowProblem(int Row, string Column, string Field, string Code, string Message);

/// <summary>What became of one household of an import (or of one row that names no household); written with its events.</summary>
public sealed record ImportVerdict(
    Guid Id,
    Guid ImportId,
    int FirstRow,
    IReadOnlyList<int> Rows,
    string? HouseholdKey,
    string? VillageCode,
    string Verdict,
    Guid? HouseholdId,
    IReadOnlyList<RowProblem> Problems);
