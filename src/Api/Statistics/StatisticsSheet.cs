using System.Globalization;
using Registry.Api.Bulk;
using Registry.Domain.Households;
using Registry.Projections.Statistics;

namespace Registry.Api.Statistics;

/// <summary>The statistics as a sheet: a row per child unit and a total row, every count under a Chinese header made from the labels.</summary>
public static class StatisticsSheet
{
    private sealed record Column(string Header, Func<StatisticsCounts, int> Value);

    private static readonly IReadOnlyList<Column> Columns =
    [
        .. Enum.GetValues<HouseholdStatus>().Select(s => new Column($"户数（{EnumLabels.Label(s)}）", c => c.Households.GetValueOrDefault(s))),
        .. Enum.GetValues<HouseholdStatus>().Select(s => new Column($"人数（{EnumLabels.Label(s)}）", c => c.Persons.GetValueOrDefault(s))),
        .. Enum.GetValues<HouseholdMark>().Select(m => new Column($"标识（{EnumLabels.Label(m)}）", c => c.Marks.GetValueOrDefault(m))),
        new($"监测（{EnumLabels.Label(MonitoringKind.UnstableExited)}）", c => c.Monitoring.UnstableExited),
        new($"监测（{EnumLabels.Label(MonitoringKind.Marginal)}）", c => c.Monitoring.Marginal),
        new("监测（风险已消除）", c => c.Monitoring.Eliminated),
        .. Enum.GetValues<RiskType>().Select(r => new Column($"风险（{EnumLabels.Label(r)}）", c => c.Risks.GetValueOrDefault(r))),
        .. Enum.GetValues<GuaranteeKind>().Select(g => new Column($"未解决（{EnumLabels.Label(g)}）", c => c.UnresolvedGuarantees.GetValueOrDefault(g))),
        .. Enum.GetValues<IncreaseReason>().Select(r => new Column($"自然增加（{EnumLabels.Label(r)}）", c => c.MembersAdded.GetValueOrDefault(r))),
        .. Enum.GetValues<DecreaseReason>().Select(r => new Column($"自然减少（{EnumLabels.Label(r)}）", c => c.MembersRemoved.GetValueOrDefault(r))),
    ];

    public static IReadOnlyList<string> Headers { get; } = ["单位代码", "单位名称", .. Columns.Select(c => c.Header)];

    public static SheetData Of(StatisticsReport report) => new($"{report.Year}年统计",
        Headers, [.. report.Rows.Select(r => Row(r.Org, r.Name, r)), Row(report.Org, "合计", report.Total)]);

    private static IReadOnlyList<string?> Row(string org, string name, StatisticsCounts counts) =>
        [org, name, .. Columns.Select(c => c.Value(counts).ToString(CultureInfo.InvariantCulture))];
}
