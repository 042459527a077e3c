using System.ComponentModel;

namespace Registry.Domain.Procedures;

public enum ProcedureKind
{
    [Description("贫困户识别（含返贫、新致贫）")] Identification,
    [Description("贫困户脱贫退出")] Exit,
    [Description("脱贫不稳定户、边缘易致贫户识别")] Monitoring,
    [Description("风险消除")] RiskElimination,
    [Description("清退")] Removal,
}

public enum StepOutcome
{
    [Description("通过")] Passed,
    [Description("未通过")] Rejected,
}

public enum StepLevel
{
    [Description("村级")] Village,
    [Description("镇级")] Town,
    [Description("区级")] District,
}

public enum EvidenceRule
{
    [Description("无")] None,
    [Description("民主评议")] Appraisal,
    [Description("公示")] Publicity,
    [Description("书面材料")] Document,
}

public enum ProcedureClosure
{
    [Description("已办结")] Completed,
    [Description("未通过")] Rejected,
}
