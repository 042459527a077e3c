namespace Registry.Domain.Tests;

/// <summary>The household's causes of poverty, housing and drinking water, and the member facts information collection asks for.</summary>
public class HouseholdFactsSpecs
{
    private static readonly Household Family = Given(A.Registered());

    private static Outcome WhenRecording(RecordHouseholdFacts command, Household? state = null) =>
        When(() => RecordHouseholdFactsDecision.Decide(command, state ?? Family, Now));

    [Fact]
    public void Causes_housing_and_water_are_recorded_the_main_cause_first() =>
        WhenRecording(new RecordHouseholdFacts([PovertyCause.Illness, PovertyCause.LackOfSkills], HousingSafety.Renovated, DrinkingWaterSafety.Safe, "入户采集"))
            .Then(new HouseholdFactsRecorded([PovertyCause.Illness, PovertyCause.LackOfSkills], HousingSafety.Renovated, DrinkingWaterSafety.Safe,
                RegistryCalendar.Today(Now)));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void One_to_three_causes_are_named(int count) =>
        WhenRecording(new RecordHouseholdFacts(Enum.GetValues<PovertyCause>().Take(count).ToList(), null, null, "x"))
            .ThenInvalidExactly(("povertyCauses", "household.poverty-causes.count"));

    [Fact]
    public void A_cause_is_named_once() =>
        WhenRecording(new RecordHouseholdFacts([PovertyCause.Illness, PovertyCause.Illness], null, null, "x"))
            .ThenInvalidExactly(("povertyCauses", "household.poverty-causes.repeated"));

    [Fact]
    public void The_facts_need_a_reason() =>
        WhenRecording(new RecordHouseholdFacts([PovertyCause.Illness], null, null, null)).ThenInvalidExactly(("reason", "field.required"));

    [Fact]
    public void The_same_facts_again_record_nothing() =>
        WhenRecording(new RecordHouseholdFacts([PovertyCause.Illness], HousingSafety.Safe, null, "x"),
            Given(A.Registered(), new HouseholdFactsRecorded([PovertyCause.Illness], HousingSafety.Safe, null, D(2020, 3, 1)))).Then();

    [Fact]
    public void The_state_keeps_the_latest_facts() =>
        Given(A.Registered(), new HouseholdFactsRecorded([PovertyCause.Illness], HousingSafety.Unsafe, null, D(2020, 3, 1)),
                new HouseholdFactsRecorded([PovertyCause.Disaster], HousingSafety.Renovated, DrinkingWaterSafety.Safe, D(2020, 9, 1)))
            .Facts.ShouldBe(new HouseholdFacts([PovertyCause.Disaster], HousingSafety.Renovated, DrinkingWaterSafety.Safe), new FactsComparer());

    [Fact]
    public void Work_months_lie_between_0_and_12() =>
        When(() => ChangeMemberDecision.Decide(new ChangeMember(A.SonId, new MemberFactChanges(WorkMonths: 13), D(2020, 5, 1), "外出务工"), Family, Now,
            new HashSet<string>())).ThenInvalidExactly(("workMonths", "member.work-months.range"));

    [Fact]
    public void Insurance_allowance_and_work_away_are_member_facts() =>
        Given(A.Registered(), new MemberFactsChanged(A.SonId, new MemberFactChanges(MedicalInsurance: true, MinimumLivingAllowance: true,
                WorkPlace: "广东省东莞市", WorkMonths: 9), D(2020, 5, 1)))
            .FindMember(A.SonId)!.Facts.ShouldSatisfyAllConditions(
                f => f.MedicalInsurance.ShouldBe(true), f => f.MinimumLivingAllowance.ShouldBe(true), f => f.PensionInsurance.ShouldBeNull(),
                f => f.WorkPlace.ShouldBe("广东省东莞市"), f => f.WorkMonths.ShouldBe(9));

    private sealed class FactsComparer : IEqualityComparer<HouseholdFacts?>
    {
        public bool Equals(HouseholdFacts? x, HouseholdFacts? y) => x is not null && y is not null && x.PovertyCauses.SequenceEqual(y.PovertyCauses)
            && x.HousingSafety == y.HousingSafety && x.DrinkingWaterSafety == y.DrinkingWaterSafety;

        public int GetHashCode(HouseholdFacts? obj) => 0;
    }
}
