using System.Globalization;
using Registry.Domain.Access;

namespace Registry.Api.Console;

/// <summary>How the console writes values for people who read Chinese: labels of enums, dates and instants in China Standard Time.</summary>
public static class ConsoleText
{
    public static string Role(string? role) => Enum.TryParse<Role>(role, out var r) ? Label(r) : role ?? "";

    public static string Label<T>(T value) where T : struct, Enum => Bulk.EnumLabels.Label(value);

    public static string Instant(DateTimeOffset instant) =>
        instant.ToOffset(Domain.Common.RegistryCalendar.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>An overdue item: what is late and since when, e.g. 脱贫不稳定户和边缘易致贫户识别：镇审核 逾期（应于 2020-11-20 前）.</summary>
    public static string Overdue(Domain.Campaigns.OverdueWork w) => w.ProcedureKind is { } kind && w.Step is { } step
        ? $"{Label(kind)}：{Domain.Procedures.ProcedureCatalog.Default.StepLabel(kind, Domain.Procedures.ProcedureCatalog.Default.Latest(kind).Version, step)} 逾期（应于 {Date(w.DueOn)} 前）"
        : $"{Label(w.Kind)}（应于 {Date(w.DueOn)} 前）";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The Chinese name of a verification finding's kind.</summary>
    public static string Finding(string kind) => kind switch
    {
        Ledger.FindingKind.Edited => "事件被改",
        Ledger.FindingKind.Backdated => "记录时间被改",
        Ledger.FindingKind.Deleted => "事件被删",
        Ledger.FindingKind.Inserted => "事件被插入",
        Ledger.FindingKind.Reordered => "事件顺序被调换",
        Ledger.FindingKind.StreamDeleted => "整条记录被删",
        Ledger.FindingKind.TailCut => "记录末尾被截",
        Ledger.FindingKind.LogTruncated => "日志末尾被截",
        Ledger.FindingKind.LeavesAltered => "默克尔叶子被改",
        Ledger.FindingKind.SnapshotMismatch => "农户快照与事件不符",
        Ledger.FindingKind.CheckpointInvalid => "检查点签名无效",
        _ => kind,
    };

    public static string Status(Audit.History.VerificationStatus status) => status switch
    {
        Audit.History.VerificationStatus.Pending => "排队中",
        Audit.History.VerificationStatus.Running => "进行中",
        Audit.History.VerificationStatus.Completed => "已完成",
        _ => "失败",
    };
}
