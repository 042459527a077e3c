using System.ComponentModel;

namespace Registry.Domain.Households;

public enum HouseholdStatus
{
    [Description("非建档立卡户")] Unregistered,
    [Description("贫困户")] Poor,
    [Description("脱贫户")] Exited,
    [Description("清退")] Removed,
    [Description("已合户")] Merged,
}

public enum HouseholdMark
{
    [Description("新致贫户")] NewlyPoor,
    [Description("返贫户")] ReturnedToPoverty,
    [Description("预脱贫")] PreExit,
    [Description("脱贫不享受政策")] NotEnjoyingPolicy,
}

public enum MonitoringKind
{
    [Description("非监测对象")] None,
    [Description("脱贫不稳定户")] UnstableExited,
    [Description("边缘易致贫户")] Marginal,
}

public enum GuaranteeKind
{
    [Description("不愁吃不愁穿")] FoodClothing,
    [Description("义务教育保障")] Education,
    [Description("基本医疗保障")] Medical,
    [Description("住房安全保障")] Housing,
    [Description("饮水安全保障")] Water,
}

public enum GuaranteeStatus
{
    [Description("未核实")] Unknown,
    [Description("已解决")] Resolved,
    [Description("未解决")] Unresolved,
}

public enum RiskType
{
    [Description("因大病")] MajorIllness,
    [Description("因学")] Schooling,
    [Description("因灾")] Disaster,
    [Description("因残")] Disability,
    [Description("因突发事件")] SuddenEvent,
    [Description("因产业失败")] BusinessFailure,
    [Description("因就业不稳")] UnstableEmployment,
    [Description("因疫情")] Epidemic,
    [Description("其他")] Other,
}

public enum AssistanceCategory
{
    [Description("产业帮扶")] Industry,
    [Description("就业帮扶")] Employment,
    [Description("教育帮扶")] Education,
    [Description("健康帮扶")] Health,
    [Description("住房保障")] Housing,
    [Description("社会保障兜底")] SocialSecurity,
    [Description("金融帮扶")] Finance,
    [Description("其他")] Other,
}

/// <summary>致贫原因: the first of a household's causes is the main one.</summary>
public enum PovertyCause
{
    [Description("因病")] Illness,
    [Description("因残")] Disability,
    [Description("因学")] Schooling,
    [Description("因灾")] Disaster,
    [Description("缺土地")] LackOfLand,
    [Description("缺水")] LackOfWater,
    [Description("缺技术")] LackOfSkills,
    [Description("缺劳力")] LackOfLabour,
    [Description("缺资金")] LackOfFunds,
    [Description("交通条件落后")] PoorTransport,
    [Description("自身发展动力不足")] LackOfDrive,
    [Description("其他")] Other,
}

public enum HousingSafety
{
    [Description("安全")] Safe,
    [Description("已改造")] Renovated,
    [Description("已搬迁")] Relocated,
    [Description("不安全")] Unsafe,
}

public enum DrinkingWaterSafety
{
    [Description("安全")] Safe,
    [Description("不安全")] Unsafe,
}
