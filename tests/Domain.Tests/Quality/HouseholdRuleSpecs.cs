using static Registry.Domain.Tests.Quality.Cleaning;

namespace Registry.Domain.Tests.Quality;

/// <summary>The cleaning rules about a household as a whole: each found where it is broken and not where it is kept.</summary>
public class HouseholdRuleSpecs
{
    private static readonly MonitoringIdentified MonitoredForDisaster = A.Monitored(MonitoringKind.UnstableExited, RiskType.Disaster);

    private static Household ExitedAndMonitored(decimal perCapita, RiskType risk, params object[] more) =>
        Exited(perCapita, [A.Risks(risk), A.Monitored(MonitoringKind.UnstableExited, risk), .. more]);

    private static Household ExitedWithSon(MemberFacts son, params object[] more) =>
        Given([A.Registered(HouseholdStatus.Exited) with { Members = [A.Head, A.Spouse, new(A.SonId, son)] }, A.Income(5000), .. more]);

    // ---- the head

    [Fact]
    public void A_household_whose_head_died_is_found_without_a_head() =>
        Findings(Sound(new MemberLeft(A.HeadId, DecreaseReason.Death, D(2020, 5, 1), null))).ShouldBe([Of("household.head.missing")]);

    [Fact]
    public void A_household_whose_spouse_became_head_is_not_found() =>
        Findings(Sound(new MemberLeft(A.HeadId, DecreaseReason.Death, D(2020, 5, 1), null),
                new MemberFactsChanged(A.SpouseId, new MemberFactChanges(Relation: Relation.Head, Phone: "13700000000"), D(2020, 5, 2))))
            .ShouldBeEmpty();

    [Fact]
    public void A_household_with_two_heads_is_found() =>
        Findings(Sound(new MemberFactsChanged(A.SonId, new MemberFactChanges(Relation: Relation.Head), D(2020, 6, 1))))
            .ShouldBe([Of("household.head.several")]);

    [Fact]
    public void A_household_whose_head_was_handed_on_has_one_head() =>
        Findings(Sound(new MemberFactsChanged(A.HeadId, new MemberFactChanges(Relation: Relation.Father), D(2020, 6, 1)),
                new MemberFactsChanged(A.SonId, new MemberFactChanges(Relation: Relation.Head, Phone: "13700000000"), D(2020, 6, 1))))
            .ShouldBeEmpty();

    [Fact]
    public void A_head_without_a_phone_is_found() =>
        Findings(Given(A.RegisteredAlone() with { Members = [new(A.HeadId, A.HeadFacts with { Phone = null })] }, A.Income(5000, size: 1)))
            .ShouldBe([Of("household.head.phone-missing", A.HeadId)]);

    [Fact]
    public void Only_the_head_needs_a_phone() =>
        Findings(WithMembers([A.Head, new(A.SpouseId, A.SpouseFacts with { Phone = null }), new(A.SonId, A.SonFacts with { Phone = null })]))
            .ShouldBeEmpty();

    // ---- income of the campaign year

    [Fact]
    public void A_household_without_an_income_of_the_campaign_year_is_found() =>
        Findings(Given(A.Registered(), A.Income(5000, year: 2019))).ShouldBe([Of("household.income.missing")]);

    [Fact]
    public void A_household_with_an_income_of_the_campaign_year_is_not_found() =>
        Findings(Given(A.Registered(), A.Income(5000, year: 2019), A.Income(5000, year: 2020))).ShouldBeEmpty();

    [Fact]
    public void A_removed_household_needs_no_income() =>
        Findings(Given(A.Registered(HouseholdStatus.Exited), A.Flagged, new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 9)))).ShouldBeEmpty();

    // ---- exited households

    [Fact]
    public void An_exited_household_with_a_guarantee_unresolved_is_found() =>
        Findings(Exited(5000, A.Guarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved))).ShouldBe([Of("household.exited.guarantee-unresolved")]);

    [Fact]
    public void An_exited_household_whose_records_show_drinking_water_unsafe_is_found_whatever_was_certified() =>
        Findings(Exited(5000, new HouseholdFactsRecorded([PovertyCause.LackOfWater], HousingSafety.Safe, DrinkingWaterSafety.Unsafe, D(2020, 6, 1))))
            .ShouldBe([Of("household.exited.guarantee-unresolved")]);

    [Fact]
    public void An_exited_household_whose_records_show_a_member_without_medical_insurance_is_found() =>
        Findings(Exited(5000, new MemberFactsChanged(A.SpouseId, new MemberFactChanges(MedicalInsurance: false), D(2020, 6, 1))))
            .ShouldBe([Of("household.exited.guarantee-unresolved")]);

    [Fact]
    public void An_exited_household_whose_guarantee_was_resolved_since_is_not_found() =>
        Findings(Exited(5000, A.Guarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved), A.Guarantee(GuaranteeKind.Housing))).ShouldBeEmpty();

    [Fact]
    public void A_poor_household_with_a_guarantee_unresolved_is_not_found() =>
        Findings(Given(A.Registered(HouseholdStatus.Poor), A.Income(3000), A.Guarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved)))
            .ShouldBeEmpty();

    [Fact]
    public void An_exited_household_under_the_poverty_line_is_found() =>
        Findings(Exited(3999.99m)).ShouldBe([Of("household.exited.income-below-line")]);

    [Fact]
    public void An_exited_household_at_the_poverty_line_is_not_found() =>
        Findings(Exited(4000m)).ShouldBeEmpty();

    [Fact]
    public void The_latest_assessment_decides_whether_an_exited_household_is_under_the_line()
    {
        Findings(Exited(3000m, A.Income(4500m, on: D(2020, 10, 30)))).ShouldBeEmpty();
        Findings(Exited(4500m, A.Income(3000m, on: D(2020, 10, 30)))).ShouldBe([Of("household.exited.income-below-line")]);
    }

    [Fact]
    public void An_income_of_a_year_without_lines_is_not_compared() =>
        Findings(Given(A.Registered(HouseholdStatus.Exited), A.Income(1000m, year: 2019))).ShouldBe([Of("household.income.missing")]);

    [Fact]
    public void A_poor_household_under_the_poverty_line_is_not_found() =>
        Findings(Given(A.Registered(HouseholdStatus.Poor), A.Income(3000m))).ShouldBeEmpty();

    // ---- monitoring and risks

    [Fact]
    public void A_monitored_household_without_a_risk_is_found() =>
        Findings(Exited(5000, A.Monitored() with { Risks = [] })).ShouldBe([Of("monitoring.risk.missing")]);

    [Fact]
    public void A_monitored_household_with_a_risk_is_not_found() =>
        Findings(Exited(5000, A.Risks(RiskType.Disaster), MonitoredForDisaster)).ShouldBeEmpty();

    [Fact]
    public void A_risk_of_major_illness_without_anyone_ill_is_found() =>
        Findings(ExitedAndMonitored(5000, RiskType.MajorIllness)).ShouldBe([Of("risk.major-illness.no-ill-member")]);

    [Theory]
    [InlineData(Health.MajorIllness)]
    [InlineData(Health.ChronicIllness)]
    public void A_risk_of_major_illness_with_a_member_ill_is_not_found(Health health) =>
        Findings(ExitedWithSon(A.SonFacts with { Health = health }, A.Risks(RiskType.MajorIllness), A.Monitored(MonitoringKind.UnstableExited, RiskType.MajorIllness)))
            .ShouldBeEmpty();

    [Fact]
    public void A_risk_of_major_illness_with_everyone_healthy_is_found() =>
        Findings(ExitedWithSon(A.SonFacts with { Health = Health.Healthy }, A.Risks(RiskType.MajorIllness), A.Monitored(MonitoringKind.UnstableExited, RiskType.MajorIllness)))
            .ShouldBe([Of("risk.major-illness.no-ill-member")]);

    [Theory]
    [InlineData(LaborCapacity.Lost)]
    [InlineData(LaborCapacity.None)]
    [InlineData(null)]
    public void A_risk_of_unstable_employment_without_anyone_able_to_work_is_found(LaborCapacity? capacity) =>
        Findings(ExitedWithSon(A.SonFacts with { LaborCapacity = capacity }, A.Risks(RiskType.UnstableEmployment),
                A.Monitored(MonitoringKind.UnstableExited, RiskType.UnstableEmployment)))
            .ShouldBe([Of("risk.unstable-employment.no-worker")]);

    [Theory]
    [InlineData(LaborCapacity.Skilled)]
    [InlineData(LaborCapacity.Ordinary)]
    [InlineData(LaborCapacity.Weak)]
    public void A_risk_of_unstable_employment_with_a_member_able_to_work_is_not_found(LaborCapacity capacity) =>
        Findings(ExitedWithSon(A.SonFacts with { LaborCapacity = capacity }, A.Risks(RiskType.UnstableEmployment),
                A.Monitored(MonitoringKind.UnstableExited, RiskType.UnstableEmployment)))
            .ShouldBeEmpty();

    [Fact]
    public void A_risk_eliminated_without_assistance_is_found() =>
        Findings(ExitedAndMonitored(6500, RiskType.Disaster, new RiskEliminated(A.ProcedureId, 1, 2020, 6000m, 6500m, 0, D(2020, 10, 30))))
            .ShouldBe([Of("risk.eliminated.no-assistance")]);

    [Fact]
    public void A_risk_eliminated_with_assistance_is_not_found() =>
        Findings(ExitedAndMonitored(6500, RiskType.Disaster, A.Assistance(), new RiskEliminated(A.ProcedureId, 1, 2020, 6000m, 6500m, 1, D(2020, 10, 30))))
            .ShouldBeEmpty();

    [Fact]
    public void A_monitored_household_that_reached_the_monitoring_line_is_found() =>
        Findings(ExitedAndMonitored(6000, RiskType.Disaster)).ShouldBe([Of("monitoring.income-above-line")]);

    [Fact]
    public void A_monitored_household_under_the_monitoring_line_is_not_found() =>
        Findings(ExitedAndMonitored(5999.99m, RiskType.Disaster)).ShouldBeEmpty();

    [Fact]
    public void An_unmonitored_household_above_the_monitoring_line_is_not_found() =>
        Findings(Exited(6500)).ShouldBeEmpty();
}
