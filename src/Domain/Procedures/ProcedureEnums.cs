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
    Village,
    Town,
    District,
}

public enum EvidenceRule
{
    None,
    Appraisal,
    Publicity,
    Document,
}

public enum ProcedureClosure
{
    Completed,
    Rejected,
}
