using Registry.Domain.Quality;
using static Registry.Domain.Tests.Quality.Cleaning;

namespace Registry.Domain.Tests.Quality;

/// <summary>The cleaning rules about one person: each found in a household that breaks it and not in one that keeps it.</summary>
public class PersonRuleSpecs
{
    [Fact]
    public void A_sound_household_has_no_findings() =>
        Findings(Sound()).ShouldBeEmpty();

    // ---- the ID number and what it encodes

    [Fact]
    public void An_id_number_with_a_wrong_check_digit_is_found() =>
        Findings(WithSon(A.SonFacts with { IdNumber = Ids.WithWrongCheckDigit(A.SonIdNumber) }))
            .ShouldBe([Of("person.id-number.invalid", A.SonId)]);

    [Fact]
    public void An_id_number_ending_in_x_is_valid() =>
        Findings(WithSon(A.SonFacts with { IdNumber = Ids.EndingInX(Sex.Male) })).ShouldBeEmpty();

    [Fact]
    public void A_birth_date_that_differs_from_the_id_number_is_found() =>
        Findings(WithSon(A.SonFacts with { BirthDate = D(1998, 3, 4) })).ShouldBe([Of("person.birth-date.mismatch", A.SonId)]);

    /// <summary>A problem is listed to roles that see ID numbers masked and never a birth date.</summary>
    [Fact]
    public void A_birth_date_mismatch_names_neither_date() =>
        Run(WithSon(A.SonFacts with { BirthDate = D(1998, 3, 4) })).Single().Detail.ShouldNotContain("1998");

    /// <summary>Problems an earlier rule set opened with both dates keep them in their event, and show neither.</summary>
    [Fact]
    public void A_birth_date_problem_opened_with_both_dates_shows_only_which_way_they_differ()
    {
        var opened = new ProblemOpened(Guid.NewGuid(), A.HouseholdId, A.SonId, A.Village, ProblemSource.DataCleaning, "person.birth-date.mismatch", 1,
            Severity.Error, "出生日期与身份证号码不一致（1998-03-04 vs 1998-03-05）", 3, D(2020, 11, 1));
        var shown = Problem.Create(opened).Description;
        shown.ShouldBe("出生日期与身份证号码不一致（earlier than the ID number's）");
        QualityRules.Shown("person.birth-date.mismatch", "出生日期与身份证号码不一致（1998-03-06 vs 1998-03-05）").ShouldEndWith("（later than the ID number's）");
        QualityRules.Shown("person.sex.mismatch", "性别与身份证号码不一致（Male vs Female）").ShouldBe("性别与身份证号码不一致（Male vs Female）");
        QualityRules.Shown(null, "手工登记 1998-03-04 vs 1998-03-05").ShouldBe("手工登记 1998-03-04 vs 1998-03-05");
    }

    [Fact]
    public void A_birth_date_that_matches_the_id_number_is_not_found() =>
        Findings(WithSon(A.SonFacts with { BirthDate = D(1998, 3, 3) })).ShouldBeEmpty();

    [Fact]
    public void A_sex_that_differs_from_the_id_number_is_found() =>
        Findings(WithSon(A.SonFacts with { Sex = Sex.Female })).ShouldBe([Of("person.sex.mismatch", A.SonId)]);

    [Fact]
    public void A_sex_that_matches_the_id_number_is_not_found() =>
        Findings(WithSon(A.SonFacts with { Sex = Sex.Male })).ShouldBeEmpty();

    [Fact]
    public void A_relation_that_does_not_fit_the_sex_of_the_id_number_is_found() =>
        Findings(WithSon(A.SonFacts with { IdNumber = Ids.Woman(6, "19990101") })).ShouldBe([Of("person.relation.sex-mismatch", A.SonId)]);

    [Fact]
    public void A_relation_that_fits_the_sex_of_the_id_number_is_not_found() =>
        Findings(WithSon(A.SonFacts with { IdNumber = Ids.Woman(6, "19990101"), Relation = Relation.Daughter })).ShouldBeEmpty();

    // ---- name and phone

    [Fact]
    public void A_name_with_a_digit_is_found() =>
        Findings(WithSon(A.SonFacts with { Name = "张3" })).ShouldBe([Of("person.name.invalid", A.SonId)]);

    [Fact]
    public void A_name_of_thirty_characters_is_not_found() =>
        Findings(WithSon(A.SonFacts with { Name = new string('明', 30) })).ShouldBeEmpty();

    [Fact]
    public void A_malformed_phone_number_is_found() =>
        Findings(Given(A.Registered() with { Members = [new(A.HeadId, A.HeadFacts with { Phone = "12345" }), A.Spouse, A.Son] }, A.Income(5000)))
            .ShouldBe([Of("person.phone.invalid", A.HeadId)]);

    [Fact]
    public void A_landline_is_a_valid_phone_number() =>
        Findings(Given(A.Registered() with { Members = [new(A.HeadId, A.HeadFacts with { Phone = "023-58123456" }), A.Spouse, A.Son] }, A.Income(5000)))
            .ShouldBeEmpty();

    // ---- ages, computed on the day of the run from the ID number

    [Fact]
    public void A_member_over_110_is_found() =>
        Findings(WithFourth(new MemberFacts("张老", Ids.Man(7, "19091115"), Relation.Father))).ShouldBe([Of("person.age.implausible", A.NewMemberId)]);

    [Fact]
    public void A_member_of_110_is_not_found() =>
        Findings(WithFourth(new MemberFacts("张老", Ids.Man(7, "19091116"), Relation.Father))).ShouldBeEmpty();

    [Fact]
    public void A_child_who_turns_6_today_without_a_school_status_is_found() =>
        Findings(WithFourth(new MemberFacts("张小红", Ids.Woman(4, "20141115"), Relation.Daughter)))
            .ShouldBe([Of("person.compulsory-education.missing", A.NewMemberId)]);

    [Fact]
    public void A_child_who_turns_6_tomorrow_is_not_found() =>
        Findings(WithFourth(new MemberFacts("张小红", Ids.Woman(4, "20141116"), Relation.Daughter))).ShouldBeEmpty();

    [Fact]
    public void A_child_of_15_who_dropped_out_is_found() =>
        Findings(WithFourth(A.DaughterFacts with { SchoolStatus = SchoolStatus.DroppedOut }))
            .ShouldBe([Of("person.compulsory-education.missing", A.NewMemberId)]);

    [Fact]
    public void A_youth_of_16_out_of_school_is_not_found() =>
        Findings(WithFourth(A.DaughterFacts with { IdNumber = Ids.Woman(4, "20041115"), SchoolStatus = SchoolStatus.NotInSchool })).ShouldBeEmpty();

    [Theory]
    [InlineData(SchoolStatus.Primary)]
    [InlineData(SchoolStatus.JuniorSecondary)]
    [InlineData(SchoolStatus.SeniorSecondary)]
    [InlineData(SchoolStatus.Vocational)]
    public void A_child_of_compulsory_school_age_in_school_is_not_found(SchoolStatus status) =>
        Findings(WithFourth(A.DaughterFacts with { IdNumber = Ids.Woman(4, "20100101"), SchoolStatus = status })).ShouldBeEmpty();

    [Theory]
    [InlineData(SchoolStatus.NotInSchool)]
    [InlineData(SchoolStatus.Preschool)]
    [InlineData(SchoolStatus.Higher)]
    [InlineData(SchoolStatus.DroppedOut)]
    [InlineData(null)]
    public void A_child_of_compulsory_school_age_not_in_school_is_found(SchoolStatus? status) =>
        Findings(WithFourth(A.DaughterFacts with { IdNumber = Ids.Woman(4, "20100101"), SchoolStatus = status }))
            .ShouldBe([Of("person.compulsory-education.missing", A.NewMemberId)]);

    [Theory]
    [InlineData("20141116")] // 5, turning 6 tomorrow
    [InlineData("20051115")] // 15 today
    public void A_primary_pupil_under_6_or_over_14_is_found(string birth) =>
        Findings(WithFourth(A.DaughterFacts with { IdNumber = Ids.Woman(4, birth), SchoolStatus = SchoolStatus.Primary }))
            .ShouldBe([Of("person.primary-pupil.age", A.NewMemberId)]);

    [Theory]
    [InlineData("20141115")] // 6 today
    [InlineData("20051116")] // still 14
    public void A_primary_pupil_of_6_to_14_is_not_found(string birth) =>
        Findings(WithFourth(A.DaughterFacts with { IdNumber = Ids.Woman(4, birth), SchoolStatus = SchoolStatus.Primary })).ShouldBeEmpty();

    // ---- a dead member

    [Fact]
    public void A_member_removed_as_dead_with_a_fact_dated_after_the_death_is_found() =>
        Findings(Sound(
                new MemberFactsChanged(A.SonId, new MemberFactChanges(Health: Health.MajorIllness), D(2020, 10, 1)),
                new MemberLeft(A.SonId, DecreaseReason.Death, D(2020, 9, 1), null)))
            .ShouldBe([Of("person.dead-with-later-facts", A.SonId)]);

    [Fact]
    public void A_member_removed_as_dead_with_facts_up_to_the_day_of_death_is_not_found() =>
        Findings(Sound(
                new MemberFactsChanged(A.SonId, new MemberFactChanges(Health: Health.MajorIllness), D(2020, 9, 1)),
                new MemberLeft(A.SonId, DecreaseReason.Death, D(2020, 9, 1), null)))
            .ShouldBeEmpty();

    [Fact]
    public void A_member_who_moved_out_before_a_later_fact_is_not_found() =>
        Findings(Sound(
                new MemberFactsChanged(A.SonId, new MemberFactChanges(Health: Health.MajorIllness), D(2020, 10, 1)),
                new MemberLeft(A.SonId, DecreaseReason.MovedOut, D(2020, 9, 1), null)))
            .ShouldBeEmpty();

    // ---- across households

    [Fact]
    public void A_person_in_two_households_is_found_in_both() =>
        Findings(Sound(), Other(new RegisteredMember(OtherMemberId, A.SonFacts)))
            .ShouldBe([Of("person.in-two-households", A.SonId), ("person.in-two-households", OtherHouseholdId, OtherMemberId)]);

    [Fact]
    public void People_in_one_household_each_are_not_found() =>
        Findings(Sound(), Other(new RegisteredMember(OtherMemberId, new MemberFacts("王小", Ids.Man(9, "19900101"), Relation.Son)))).ShouldBeEmpty();

    [Fact]
    public void A_person_who_left_a_household_and_joined_another_is_not_found() =>
        Findings(Sound(new MemberLeft(A.SonId, DecreaseReason.MovedOut, D(2020, 9, 1), null)), Other(new RegisteredMember(OtherMemberId, A.SonFacts)))
            .ShouldBeEmpty();

    [Fact]
    public void A_phone_number_shared_by_two_households_is_found_in_both() =>
        Findings(Sound(), Given(new HouseholdRegistered(OtherHouseholdId, A.Village, null, null, HouseholdStatus.Unregistered, null, null, A.RegisteredOn,
                [new RegisteredMember(OtherHeadId, OtherHeadFacts with { Phone = A.HeadFacts.Phone })]), A.Income(5000, size: 1)))
            .ShouldBe([Of("person.phone.shared", A.HeadId), ("person.phone.shared", OtherHouseholdId, OtherHeadId)]);

    [Fact]
    public void A_landline_written_with_and_without_its_hyphen_is_one_shared_number() =>
        Findings(Given(A.Registered() with { Members = [A.Head with { Facts = A.HeadFacts with { Phone = "023-58123456" } }, A.Spouse, A.Son] }, A.Income(5000)),
                Given(new HouseholdRegistered(OtherHouseholdId, A.Village, null, null, HouseholdStatus.Unregistered, null, null, A.RegisteredOn,
                    [new RegisteredMember(OtherHeadId, OtherHeadFacts with { Phone = "02358123456" })]), A.Income(5000, size: 1)))
            .ShouldBe([Of("person.phone.shared", A.HeadId), ("person.phone.shared", OtherHouseholdId, OtherHeadId)]);

    [Fact]
    public void A_phone_number_shared_within_one_household_is_not_found() =>
        Findings(Given(A.Registered() with { Members = [A.Head, new(A.SpouseId, A.SpouseFacts with { Phone = A.HeadFacts.Phone }), A.Son] }, A.Income(5000)),
                Other())
            .ShouldBeEmpty();

    // ---- work away and social assistance

    [Fact]
    public void Work_away_recorded_as_local_farming_is_found() =>
        Findings(WithSon(A.SonFacts with { WorkStatus = WorkStatus.LocalFarming, WorkPlace = "广东省东莞市", WorkMonths = 9 }))
            .ShouldBe([Of("person.work-away.local-farming", A.SonId)]);

    [Fact]
    public void Work_away_recorded_as_migrant_work_is_not_found() =>
        Findings(WithSon(A.SonFacts with { WorkStatus = WorkStatus.MigrantOutOfProvince, WorkPlace = "广东省东莞市", WorkMonths = 9 })).ShouldBeEmpty();

    [Fact]
    public void The_minimum_living_allowance_with_income_at_the_poverty_line_is_found() =>
        Findings(WithSon(A.SonFacts with { MinimumLivingAllowance = true })).ShouldBe([Of("person.minimum-living-allowance.income-above-line", A.SonId)]);

    [Fact]
    public void The_minimum_living_allowance_with_income_under_the_poverty_line_is_not_found() =>
        Findings(Given(A.Registered(), A.Income(3500), new MemberFactsChanged(A.SonId, new MemberFactChanges(MinimumLivingAllowance: true), D(2020, 6, 1))))
            .Where(f => f.Rule == "person.minimum-living-allowance.income-above-line").ShouldBeEmpty();
}
