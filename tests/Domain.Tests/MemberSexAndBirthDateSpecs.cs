namespace Registry.Domain.Tests;

/// <summary>Sex and birth date are optional facts of a member; when given they agree with the ID number.</summary>
public class MemberSexAndBirthDateSpecs
{
    private static readonly Household Family = Given(A.Registered());

    private static Outcome WhenAdding(MemberFacts facts) =>
        When(() => AddMemberDecision.Decide(new AddMember(A.NewMemberId, facts, IncreaseReason.Birth, D(2020, 10, 1)), Family, Now, NobodyElsewhere));

    private static Outcome WhenChanging(MemberFactChanges changes) =>
        When(() => ChangeMemberDecision.Decide(new ChangeMember(A.SonId, changes, D(2020, 10, 20), "核对身份证"), Family, Now, NobodyElsewhere));

    [Fact]
    public void Sex_and_birth_date_that_match_the_id_number_are_kept() =>
        WhenAdding(A.DaughterFacts with { Sex = Sex.Female, BirthDate = D(2005, 5, 5) })
            .ThenSingle<MemberJoined>().Facts.ShouldBe(A.DaughterFacts with { Sex = Sex.Female, BirthDate = D(2005, 5, 5) });

    [Fact]
    public void Without_sex_and_birth_date_nothing_is_compared() =>
        WhenAdding(A.DaughterFacts).ThenSingle<MemberJoined>().Facts.ShouldSatisfyAllConditions(
            f => f.Sex.ShouldBeNull(),
            f => f.BirthDate.ShouldBeNull());

    [Fact]
    public void A_sex_that_differs_from_the_id_number_is_refused() =>
        WhenAdding(A.DaughterFacts with { Sex = Sex.Male }).ThenInvalidExactly(("member.sex", "member.sex.mismatch"));

    [Fact]
    public void A_birth_date_that_differs_from_the_id_number_is_refused() =>
        WhenAdding(A.DaughterFacts with { BirthDate = D(2005, 5, 6) }).ThenInvalidExactly(("member.birthDate", "member.birth-date.mismatch"));

    [Fact]
    public void An_invalid_id_number_is_reported_alone() =>
        WhenAdding(A.DaughterFacts with { IdNumber = Ids.WithWrongCheckDigit(A.DaughterIdNumber), Sex = Sex.Male, BirthDate = D(2005, 5, 6) })
            .ThenInvalidExactly(("member.idNumber", "member.id-number.checksum"));

    [Fact]
    public void A_changed_sex_is_checked_against_the_id_number() =>
        WhenChanging(new MemberFactChanges(Sex: Sex.Female)).ThenInvalidExactly(("sex", "member.sex.mismatch"));

    [Fact]
    public void A_changed_id_number_is_checked_against_the_recorded_birth_date()
    {
        var dated = Family.And(new MemberFactsChanged(A.SonId, new MemberFactChanges(BirthDate: D(1998, 3, 3)), D(2020, 9, 1)));

        When(() => ChangeMemberDecision.Decide(new ChangeMember(A.SonId, new MemberFactChanges(IdNumber: Ids.Man(3, "19980304")), D(2020, 10, 20), "核对身份证"),
                dated, Now, NobodyElsewhere))
            .ThenInvalidExactly(("birthDate", "member.birth-date.mismatch"));
    }

    [Fact]
    public void Matching_sex_and_birth_date_are_recorded_as_a_change() =>
        WhenChanging(new MemberFactChanges(Sex: Sex.Male, BirthDate: D(1998, 3, 3)))
            .Then(new MemberFactsChanged(A.SonId, new MemberFactChanges(Sex: Sex.Male, BirthDate: D(1998, 3, 3)), D(2020, 10, 20)));

    [Fact]
    public void A_registration_reports_the_mismatch_under_the_members_position() =>
        When(() => RegisterHouseholdDecision.Decide(
                A.Register(members: [A.Head, A.Spouse, new RegisteredMember(A.SonId, A.SonFacts with { BirthDate = D(1998, 3, 4), Sex = Sex.Female })]),
                Now, NobodyElsewhere))
            .ThenInvalidExactly(("members[2].sex", "member.sex.mismatch"), ("members[2].birthDate", "member.birth-date.mismatch"));
}
