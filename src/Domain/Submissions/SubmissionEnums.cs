using System.ComponentModel;

namespace Registry.Domain.Submissions;

public enum ListKind
{
    [Description("拟新识别贫困户名单")] NewPoor,
    [Description("边缘易致贫户、脱贫不稳定户名单")] Monitoring,
    [Description("新增家庭成员名单")] MemberChanges,
}

public enum SubmissionStatus
{
    [Description("待签字")] AwaitingSignatures,
    [Description("已报镇扶贫办")] Submitted,
    [Description("镇审核通过")] Approved,
    [Description("镇审核退回")] Returned,
    [Description("已报区扶贫办比对")] Forwarded,
}

public enum ReviewOutcome
{
    [Description("审核通过")] Approved,
    [Description("退回")] Returned,
}
