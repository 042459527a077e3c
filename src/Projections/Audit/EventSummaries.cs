using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Domain.Quality;
using Registry.Domain.Submissions;

namespace Registry.Projections.Audit;

/// <summary>A one-line human summary of each event, in Chinese and in English, for auditors.</summary>
public static class EventSummaries
{
    public static (string Zh, string En) Describe(object data) => data switch
    {
        HouseholdRegistered e => ($"登记家庭（{Zh(e.Status)}），{e.Members.Count}人", $"Household registered as {e.Status} with {e.Members.Count} members"),
        // A newborn's join date is its birth date, which the trail's readers may not see.
        MemberJoined { Reason: IncreaseReason.Birth } e => ($"自然增加：{e.Facts.Name}（{Zh(e.Reason)}）", $"Member {e.Facts.Name} joined ({e.Reason})"),
        MemberJoined e => ($"自然增加：{e.Facts.Name}（{Zh(e.Reason)}，{e.EffectiveDate:yyyy-MM-dd}）", $"Member {e.Facts.Name} joined ({e.Reason}, {e.EffectiveDate:yyyy-MM-dd})"),
        MemberLeft e => ($"自然减少：{Zh(e.Reason)}（{e.EffectiveDate:yyyy-MM-dd}）", $"Member left ({e.Reason}, {e.EffectiveDate:yyyy-MM-dd})"),
        MemberFactsChanged e => ($"成员信息变更：{string.Join("、", ChangedZh(e.Changes))}", $"Member facts changed: {string.Join(", ", Changed(e.Changes))}"),
        IncomeAssessed e => ($"{e.Year}年收入核定：人均纯收入{e.PerCapita}元，人均可支配收入{e.PerCapitaDisposable ?? e.PerCapita}元",
            $"{e.Year} income assessed: {e.PerCapita} yuan net and {e.PerCapitaDisposable ?? e.PerCapita} yuan disposable per capita"),
        HouseholdFactsRecorded e => ($"户情况：致贫原因{string.Join("、", e.PovertyCauses.Select(c => Zh(c)))}" +
                (e.HousingSafety is { } h ? $"，住房{Zh(h)}" : "") + (e.DrinkingWaterSafety is { } w ? $"，饮水{Zh(w)}" : ""),
            $"Household facts: causes {string.Join(", ", e.PovertyCauses)}" + (e.HousingSafety is { } hs ? $", housing {hs}" : "")
                + (e.DrinkingWaterSafety is { } ws ? $", water {ws}" : "")),
        HeadChanged e => ($"户主变更为{e.HeadName}（{e.EffectiveDate:yyyy-MM-dd}），{e.Relations.Count}名成员关系重新认定",
            $"Head changed to {e.HeadName} ({e.EffectiveDate:yyyy-MM-dd}), {e.Relations.Count} relations restated"),
        MembersSplitOff e => ($"分户：{e.MemberIds.Count}人分出另立新户（{e.EffectiveDate:yyyy-MM-dd}）",
            $"Split: {e.MemberIds.Count} members left to form a new household ({e.EffectiveDate:yyyy-MM-dd})"),
        HouseholdSplitFrom e => ($"分户新立（{Zh(e.Status)}），{e.Members.Count}人", $"Household formed by a split as {e.Status} with {e.Members.Count} members"),
        HouseholdMergedIn e => ($"合户：并入{e.Members.Count}人（{e.EffectiveDate:yyyy-MM-dd}）", $"Merge: {e.Members.Count} members joined ({e.EffectiveDate:yyyy-MM-dd})"),
        HouseholdMergedInto e => ($"合户：全部{e.MemberIds.Count}人并入他户，本户注销", $"Merged into another household with all {e.MemberIds.Count} members; closed"),
        ResponsibleAssigned e => ($"帮扶责任人：{e.Name}（{e.Unit}），自{e.Since:yyyy-MM-dd}", $"Responsible cadre: {e.Name} ({e.Unit}) from {e.Since:yyyy-MM-dd}"),
        Domain.Procedures.NotEnjoyingPolicyCleared e => ($"核查识别无误，取消脱贫不享受政策标识（{e.EffectiveDate:yyyy-MM-dd}）",
            $"Verified eligible; not-enjoying-policy flag cleared ({e.EffectiveDate:yyyy-MM-dd})"),
        IncomeVerified e => ($"镇乡政府核实{e.Year}年收入", $"{e.Year} income verified by the town"),
        GuaranteeCertified e => ($"{Zh(e.Kind)}认证为{Zh(e.Status)}", $"{e.Kind} guarantee certified {e.Status}"),
        RisksRecorded e => ($"风险：{string.Join("、", e.Risks.Select(r => Zh(r)))}", $"Risks recorded: {string.Join(", ", e.Risks)}"),
        AssistanceRecorded e => ($"帮扶措施：{Zh(e.Category)}，{e.Description}", $"Assistance recorded: {e.Category}, {e.Description}"),
        ProcedureStarted e => ($"启动{Zh(e.Kind)}程序", $"{e.Kind} procedure started"),
        ProcedureStepRecorded e => ($"{Zh(e.Kind)}：{StepLabel(e)}{Zh(e.Outcome)}", $"{e.Kind}: step {e.Step} {e.Outcome}"),
        ProcedureClosed e => ($"{Zh(e.Kind)}程序结束（{(e.Closure == ProcedureClosure.Completed ? "完成" : "未通过")}）", $"{e.Kind} procedure {e.Closure}"),
        HouseholdIdentifiedAsPoor e => (e.ReturnedToPoverty ? $"{e.Year}年标注返贫" : $"{e.Year}年识别为新致贫户", e.ReturnedToPoverty ? $"Returned to poverty in {e.Year}" : $"Identified as newly poor in {e.Year}"),
        GuaranteeCertificationsCleared e => ($"{string.Join("、", e.Kinds.Select(k => Zh(k)))}认证失效，再次脱贫须重新联合认证",
            $"Guarantee certifications cleared ({string.Join(", ", e.Kinds)}): a new exit needs a new joint certification"),
        HouseholdMarkedPreExit => ("标注预脱贫", "Marked pre-exit"),
        HouseholdExited e => ($"{e.ExitYear}年脱贫退出", $"Exited poverty in {e.ExitYear}"),
        MonitoringIdentified e => ($"纳入监测：{Zh(e.Kind)}", $"Monitored as {e.Kind}"),
        RiskEliminated => ("标注风险已消除", "Risk eliminated"),
        HouseholdRemoved => ("清退", "Removed from the registry (清退)"),
        NotEnjoyingPolicyFlagged => ("标注脱贫不享受政策", "Flagged as exited but not enjoying policy"),
        HouseholdCorrected e => ($"数据整改：{CorrectedZh(e)}", $"Data corrected: {Corrected(e)}"),
        HouseholdVisited e => ($"入户走访（{e.VisitedOn:yyyy-MM-dd}）", $"Visited on {e.VisitedOn:yyyy-MM-dd}"),
        ProblemOpened e => ($"问题数据（{Zh(e.Source)}）：{QualityRules.Shown(e.Rule, e.Description)}", $"Data problem raised ({e.Source}{(e.Rule is null ? "" : ", " + e.Rule)})"),
        ProblemResolved e => ($"问题{Zh(e.Outcome)}", $"Problem resolved: {e.Outcome}"),
        SubmissionProposed e => ($"{e.Year}年{Zh(e.List)}（{e.Households.Count}户）待签字", $"{e.Year} {e.List} list of {e.Households.Count} households proposed"),
        SubmissionSigned e => ($"{Zh(e.SignerRole)}{e.SignerName}签字", $"Signed by {e.SignerRole} {e.SignerName}"),
        SubmissionReviewed e => ($"镇扶贫办审核：{Zh(e.Outcome)}" + (e.Note is { } n ? $"（{n}）" : ""), $"Reviewed by the town: {e.Outcome}"),
        SubmissionForwarded e => ($"镇扶贫办报区扶贫办比对（{e.DistrictCode}）", $"Sent on to the district ({e.DistrictCode}) by the town"),
        SubmissionSubmitted e => ($"报镇扶贫办（{e.TownCode}）", $"Submitted to the town ({e.TownCode})"),
        Domain.Policy.PolicyLineSet e => ($"{e.UnitCode}设定{e.Year}年扶贫标准线{e.PovertyLine}元、监测线{e.MonitoringLine}元",
            $"{e.UnitCode} set the {e.Year} poverty line to {e.PovertyLine} and the monitoring line to {e.MonitoringLine} yuan"),
        Domain.Org.OrgUnitRegistered e => ($"新增{Zh(e.Kind)}：{e.Name}（{e.Code}{(e.IsPoorVillage ? "，贫困村" : "")}）",
            $"{e.Kind} {e.Name} ({e.Code}) registered" + (e.IsPoorVillage ? " as a poor village" : "")),
        Domain.Org.OrgUnitCarriedOver e => ($"{Zh(e.Kind)}登记记录迁入：{e.Name}（{e.Code}），原由{e.RegisteredBy}于{RegistryCalendar.Today(e.RegisteredAt):yyyy-MM-dd}新增",
            $"{e.Kind} {e.Name} ({e.Code}) carried over (registered by {e.RegisteredBy} on {RegistryCalendar.Today(e.RegisteredAt):yyyy-MM-dd})"),
        _ => (data.GetType().Name, data.GetType().Name),
    };

    private static string Corrected(HouseholdCorrected e) => string.Join(", ",
        new[] { e.GroupName is null ? null : "groupName", e.Address is null ? null : "address" }.OfType<string>()
            .Concat(e.Members.SelectMany(m => Changed(m.Changes))).Distinct());

    /// <summary>The Chinese name of each member fact, so a Chinese summary carries no English field name.</summary>
    private static readonly Dictionary<string, string> FactLabels = new()
    {
        ["name"] = "姓名", ["idNumber"] = "身份证号", ["relation"] = "与户主关系", ["phone"] = "联系电话", ["schoolStatus"] = "在校生状况",
        ["health"] = "健康状况", ["disability"] = "残疾状况", ["laborCapacity"] = "劳动技能", ["workStatus"] = "务工状况", ["sex"] = "性别",
        ["birthDate"] = "出生日期", ["medicalInsurance"] = "医疗保险", ["pensionInsurance"] = "养老保险", ["minimumLivingAllowance"] = "低保",
        ["extremePovertySupport"] = "特困供养", ["workPlace"] = "务工地点", ["workMonths"] = "务工时间", ["groupName"] = "村民小组", ["address"] = "住址",
    };

    private static IEnumerable<string> ChangedZh(MemberFactChanges c) => Changed(c).Select(f => FactLabels.GetValueOrDefault(f, f));

    private static string CorrectedZh(HouseholdCorrected e) => string.Join("、", Corrected(e).Split(", ").Select(f => FactLabels.GetValueOrDefault(f, f)));

    private static string StepLabel(ProcedureStepRecorded e) => ProcedureCatalog.Default.StepLabel(e.Kind, e.DefinitionVersion, e.Step);

    // Looked up once: a rebuild summarises every event of the log.
    private static readonly (PropertyInfo Property, string Name)[] FactProperties = typeof(MemberFactChanges).GetProperties()
        .Select(p => (p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..])).ToArray();

    private static readonly ConcurrentDictionary<Enum, string> ZhNames = new();

    private static IEnumerable<string> Changed(MemberFactChanges c) =>
        FactProperties.Where(p => p.Property.GetValue(c) is not null).Select(p => p.Name);

    private static string Zh<T>(T value) where T : struct, Enum => ZhNames.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? v.ToString());
}
