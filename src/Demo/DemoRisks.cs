using Registry.Api.Bulk;
using Registry.Domain.Households;

namespace Registry.Demo;

/// <summary>Risks that fit the household (illness, disability, schooling where members have them) and the support that answers each.</summary>
public sealed class DemoRisks(Random random)
{
    private static readonly RiskType[] External =
        [RiskType.Disaster, RiskType.UnstableEmployment, RiskType.BusinessFailure, RiskType.Epidemic, RiskType.SuddenEvent];

    public RecordRisks Record(IReadOnlyList<RegisteredMember> members, DateOnly recordedOn)
    {
        var fitting = new List<RiskType>();
        if (members.Any(m => m.Facts.Health == Health.MajorIllness)) fitting.Add(RiskType.MajorIllness);
        if (members.Any(m => m.Facts.Disability is not (null or Disability.None))) fitting.Add(RiskType.Disability);
        if (members.Any(m => m.Facts.SchoolStatus is SchoolStatus.SeniorSecondary or SchoolStatus.Vocational or SchoolStatus.Higher))
            fitting.Add(RiskType.Schooling);
        var risks = fitting.OrderBy(_ => random.Next()).Take(1).ToList();
        if (risks.Count == 0 || random.Chance(0.4)) risks.Add(DemoNames.Pick(random, External));
        var labels = string.Join("、", risks.Select(EnumLabels.Label));
        return new RecordRisks(risks, $"入户走访排查发现{labels}返贫致贫风险", recordedOn);
    }

    public static AssistanceCategory Answer(RiskType risk) => risk switch
    {
        RiskType.MajorIllness => AssistanceCategory.Health,
        RiskType.Schooling => AssistanceCategory.Education,
        RiskType.Disaster => AssistanceCategory.Housing,
        RiskType.Disability or RiskType.SuddenEvent => AssistanceCategory.SocialSecurity,
        RiskType.UnstableEmployment or RiskType.Epidemic => AssistanceCategory.Employment,
        RiskType.BusinessFailure => AssistanceCategory.Industry,
        _ => AssistanceCategory.Other,
    };
}
