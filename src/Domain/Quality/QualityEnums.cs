using System.ComponentModel;

namespace Registry.Domain.Quality;

public enum Severity
{
    [Description("错误")] Error,
    [Description("疑点")] Warning,
}

public enum ProblemSource
{
    [Description("国家脱贫攻坚普查")] Census,
    [Description("督查")] Inspection,
    [Description("检查")] Check,
    [Description("第三方评估")] ThirdPartyEvaluation,
    [Description("数据清洗")] DataCleaning,
}

public enum ProblemStatus
{
    [Description("待整改")] Open,
    [Description("已整改")] Resolved,
}

public enum ResolutionOutcome
{
    [Description("已修改")] Corrected,
    [Description("核实无误")] ConfirmedCorrect,
    [Description("数据已更新，问题不再存在")] ResolvedByData,
}
