using System.Globalization;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Audit;
using Registry.Api.Bulk;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;

namespace Registry.Api.Reports;

public sealed record ReportAssistance(AssistanceCategory Category, string Description, DateOnly StartedOn, decimal? Amount);

/// <summary>A household of a list (附件1, 附件4, 附件5) with the facts the list asks for; incomes are the year's assessment in effect.</summary>
public sealed record HouseholdListRow(
    Guid HouseholdId,
    Guid? HeadMemberId,
    string HeadName,
    string HeadIdNumber,
    string VillageCode,
    string VillageName,
    string? GroupName,
    int MemberCount,
    HouseholdStatus Status,
    int? IdentifiedYear,
    IReadOnlyList<PovertyCause> PovertyCauses,
    decimal? PerCapitaNet,
    decimal? PerCapitaDisposable,
    MonitoringKind Monitoring,
    IReadOnlyList<RiskType> Risks,
    DateOnly? MonitoredSince,
    bool RiskEliminated,
    DateOnly? EliminatedOn,
    IReadOnlyList<ReportAssistance> Assistance,
    string? Responsible);

/// <summary>The household lists: which households each takes, and its columns after the common ones.</summary>
public static class HouseholdReport
{
    private sealed record Column(string Header, Func<HouseholdListRow, string?> Cell);

    private static readonly IReadOnlyList<Column> Common =
    [
        new("户主姓名", r => r.HeadName), new("户主身份证号", r => r.HeadIdNumber), new("村", r => r.VillageName), new("村民小组", r => r.GroupName),
        new("人口数", r => r.MemberCount.ToString(CultureInfo.InvariantCulture)),
    ];

    private static readonly Column NetIncome = new("人均纯收入", r => ReportCells.Money(r.PerCapitaNet));
    private static readonly Column DisposableIncome = new("人均可支配收入", r => ReportCells.Money(r.PerCapitaDisposable));
    private static readonly Column Assistance = new("帮扶措施", r => string.Join("；", r.Assistance.Select(a => $"{EnumLabels.Label(a.Category)}：{a.Description}")));
    private static readonly Column Responsible = new("帮扶责任人", r => r.Responsible);

    private static readonly IReadOnlyList<Column> NewlyPoor =
    [
        .. Common, new("识别年度", r => r.IdentifiedYear?.ToString(CultureInfo.InvariantCulture)), new("致贫原因", r => ReportCells.Labels(r.PovertyCauses)),
        NetIncome, DisposableIncome, Assistance, Responsible,
    ];

    private static readonly IReadOnlyList<Column> Monitored =
    [
        .. Common, NetIncome, DisposableIncome, new("风险类型", r => ReportCells.Labels(r.Risks)), Assistance, new("纳入监测日期", r => ReportCells.Date(r.MonitoredSince)),
        new("是否消除风险", r => ReportCells.YesNo(r.RiskEliminated)), new("风险消除日期", r => ReportCells.Date(r.EliminatedOn)), Responsible,
    ];

    /// <summary>
    /// 附件1: poor households marked newly poor and identified in the year; 附件4 and 附件5: households monitored as that kind
    /// since a day of the year.
    /// </summary>
    public static async Task<ReportRows<HouseholdListRow>> Build(ReportList list, ReportScope scope, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<HouseholdDetails>().InUnit(scope.Prefix);
        var (candidates, columns) = list switch
        {
            ReportList.NewlyPoor => (query.Where(h => h.Status == HouseholdStatus.Poor), NewlyPoor),
            ReportList.UnstableExited => (query.Where(h => h.Monitoring == MonitoringKind.UnstableExited), Monitored),
            _ => (query.Where(h => h.Monitoring == MonitoringKind.Marginal), Monitored),
        };
        var households = (await candidates.ToListAsync(ct)).Select(h => h.State).Where(h => list switch
        {
            ReportList.NewlyPoor => h.Marks.Contains(HouseholdMark.NewlyPoor) && h.IdentifiedYear == scope.Year,
            _ => h.Monitoring.IdentifiedOn?.Year == scope.Year,
        });
        var rows = households.Select(h => Row(h, scope)).OrderBy(r => r.VillageCode).ThenBy(r => r.HeadName, StringComparer.Ordinal)
            .ThenBy(r => r.HouseholdId).ToList();
        var read = rows.Select(r => new ReadTarget(r.HouseholdId, r.VillageCode, r.HeadMemberId is { } head ? [head] : [])).ToList();
        return new ReportRows<HouseholdListRow>(rows, [.. columns.Select(c => c.Header)], r => [.. columns.Select(c => c.Cell(r))], read);
    }

    private static HouseholdListRow Row(Household h, ReportScope scope)
    {
        var head = h.FindHead();
        var income = h.LatestIncome(scope.Year);
        var idNumber = head?.Facts.IdNumber ?? "";
        return new HouseholdListRow(h.Id, head?.MemberId, head?.Facts.Name ?? "", scope.Unmasked ? idNumber : ResidentIdNumber.Mask(idNumber), h.VillageCode,
            scope.VillageName(h.VillageCode), h.GroupName, h.Members.Count, h.Status, h.IdentifiedYear, h.Facts?.PovertyCauses ?? [], income?.PerCapitaNet,
            income?.Disposable, h.Monitoring.Kind, h.Monitoring.Risks, h.Monitoring.IdentifiedOn, h.Monitoring.Eliminated, h.Monitoring.EliminatedOn,
            [.. h.Assistance.Select(a => new ReportAssistance(a.Category, a.Description, a.StartedOn, a.Amount))], h.Responsible?.Name);
    }
}
