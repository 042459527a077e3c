using Registry.Domain.Households;

namespace Registry.Demo;

/// <summary>Assistance measures (帮扶措施) with a plausible description and amount, each with a named person responsible.</summary>
public sealed class DemoAssistance(Random random)
{
    private static readonly Dictionary<AssistanceCategory, (string Description, decimal Low, decimal High)[]> Measures = new()
    {
        [AssistanceCategory.Industry] = [("发展柑橘种植产业补助", 1000, 3000), ("生猪养殖产业补助", 1500, 4000), ("中药材种植技术指导与种苗补助", 800, 2000)],
        [AssistanceCategory.Employment] = [("推荐到区内企业务工", 0, 0), ("公益性岗位安置", 4800, 7200), ("外出务工交通补贴", 300, 600)],
        [AssistanceCategory.Education] = [("雨露计划职业教育补助", 1500, 3000), ("义务教育阶段生活补助", 500, 1250)],
        [AssistanceCategory.Health] = [("家庭医生签约服务", 0, 0), ("住院医疗费用倾斜救助", 2000, 15000), ("慢性病门诊补助", 500, 2000)],
        [AssistanceCategory.Housing] = [("农村危房改造补助", 10000, 35000), ("灾后房屋维修补助", 3000, 8000)],
        [AssistanceCategory.SocialSecurity] = [("纳入农村低保", 2400, 6000), ("残疾人两项补贴", 1000, 2400), ("临时救助", 500, 3000)],
        [AssistanceCategory.Finance] = [("扶贫小额信贷贴息", 300, 1500)],
        [AssistanceCategory.Other] = [("结对帮扶走访慰问", 200, 800)],
    };

    public RecordAssistance Measure(AssistanceCategory category, DateOnly startedOn)
    {
        var (description, low, high) = DemoNames.Pick(random, Measures[category]);
        decimal? amount = high == 0 ? null : Math.Round(random.Between(low, high) / 100) * 100;
        var responsible = DemoNames.Full(random, random.Chance(0.6) ? Domain.People.Sex.Male : Domain.People.Sex.Female);
        return new RecordAssistance(random.NextGuid(), category, description, startedOn, amount, responsible);
    }

    public RecordAssistance Any(DateOnly startedOn) =>
        Measure(DemoNames.Pick(random, Measures.Keys.Order().ToList()), startedOn);
}
