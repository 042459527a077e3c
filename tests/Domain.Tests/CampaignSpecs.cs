using Registry.Domain.Campaigns;

namespace Registry.Domain.Tests;

public class CampaignSpecs
{
    private static readonly Campaign Campaign2020 = CampaignCatalog.Of(2020)!;

    [Fact]
    public void The_2020_campaign_is_loaded_with_its_title() =>
        Campaign2020.Title.ShouldBe("龙驹镇2020年度扶贫对象动态管理和信息采集");

    [Fact]
    public void The_2020_campaign_has_the_phases_of_the_work_plan_in_order() =>
        Campaign2020.Phases.Select(p => p.Code).ShouldBe([
            "Training", "Collection", "VillageListsSigned", "DataEntry", "Cleaning", "NationalSystemCloses", "DistrictChecks", "Corrections", "Archiving",
        ]);

    public static TheoryData<string, DateOnly, DateOnly, PhaseMeasure?> Phases => new()
    {
        { "Collection", D(2020, 10, 1), D(2020, 11, 1), PhaseMeasure.Visited },
        { "VillageListsSigned", D(2020, 10, 1), D(2020, 10, 24), PhaseMeasure.ListSigned },
        { "DataEntry", D(2020, 11, 1), D(2020, 11, 20), PhaseMeasure.IncomeAssessed },
        { "Corrections", D(2020, 12, 1), D(2020, 12, 31), PhaseMeasure.ProblemsClosed },
        { "Archiving", D(2021, 1, 1), D(2021, 1, 8), null },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void A_phase_has_the_dates_and_measure_of_the_work_plan(string code, DateOnly from, DateOnly to, PhaseMeasure? measure) =>
        Campaign2020.Phase(code).ShouldNotBeNull().ShouldSatisfyAllConditions(
            p => p.From.ShouldBe(from),
            p => p.To.ShouldBe(to),
            p => p.Measure.ShouldBe(measure));

    [Fact]
    public void Every_phase_has_a_name_and_ends_on_or_after_its_start() =>
        Campaign2020.Phases.ShouldAllBe(p => p.NameZh.Length > 0 && p.To >= p.From);

    [Fact]
    public void An_unknown_phase_is_none() =>
        Campaign2020.Phase("Harvest").ShouldBeNull();

    [Fact]
    public void A_year_without_a_campaign_has_none() =>
        CampaignCatalog.Of(2019).ShouldBeNull();

    [Theory]
    [InlineData(2020, 2020)]
    [InlineData(2021, 2020)]
    [InlineData(2030, 2020)]
    public void The_latest_campaign_up_to_a_year_is_of_that_year_or_before(int year, int expected) =>
        CampaignCatalog.LatestYearUpTo(year).ShouldBe(expected);

    [Fact]
    public void Before_the_first_campaign_the_latest_campaign_stands_in() =>
        CampaignCatalog.LatestYearUpTo(2019).ShouldBe(2020);
}
