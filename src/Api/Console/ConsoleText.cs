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
}
