namespace Registry.Domain.Tests;

public class CorrectionSpecs
{
    private static readonly Guid CorrectionId = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    private static readonly Guid ProblemId = Guid.Parse("00000000-0000-0000-0000-0000000000e1");

    private static readonly Household Family = Given(A.Registered());

    private static CorrectHousehold Correct(params MemberCorrection[] members) =>
        new(CorrectionId, null, null, null, members, "核对户口簿", null);

    private static MemberCorrection Son(MemberFactChanges changes) => new(A.SonId, changes);

    private static Outcome WhenCorrecting(CorrectHousehold command, Household? state = null, IReadOnlySet<string>? claimedElsewhere = null) =>
        When(() => CorrectHouseholdDecision.Decide(command, state ?? Family, Now, claimedElsewhere ?? NobodyElsewhere));

    // ---- what a correction records

    [Fact]
    public void A_correction_records_only_the_fields_that_differ()
    {
        var command = new CorrectHousehold(CorrectionId, ProblemId, "三组", A.Registered().Address,
            [Son(new MemberFactChanges(Name: "张晓明", Relation: Relation.Son, SchoolStatus: SchoolStatus.Higher, Phone: "139 1234 5678"))],
            "核对户口簿", " 户口簿照片 ");

        WhenCorrecting(command).Then(new HouseholdCorrected(CorrectionId, ProblemId, "三组", null,
            [Son(new MemberFactChanges(Name: "张晓明", Phone: "13912345678"))], "户口簿照片", Today));
    }

    [Fact]
    public void A_correction_without_a_problem_carries_none() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Name: "张晓明")))).ThenSingle<HouseholdCorrected>().ProblemId.ShouldBeNull();

    [Fact]
    public void A_correction_of_the_address_alone_is_accepted() =>
        WhenCorrecting(new CorrectHousehold(CorrectionId, null, null, "  龙驹镇某村3号 ", [], "门牌号错误", null))
            .Then(new HouseholdCorrected(CorrectionId, null, null, "龙驹镇某村3号", [], null, Today));

    [Fact]
    public void A_member_restated_as_recorded_is_left_out() =>
        WhenCorrecting(Correct(new MemberCorrection(A.HeadId, new MemberFactChanges(Name: A.HeadFacts.Name)), Son(new MemberFactChanges(Name: "张晓明"))))
            .ThenSingle<HouseholdCorrected>().Members.ShouldBe([Son(new MemberFactChanges(Name: "张晓明"))]);

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_correction_needs_a_reason(string? reason) =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Name: "张晓明"))) with { Reason = reason }).ThenInvalidExactly(("reason", "reason.required"));

    [Fact]
    public void A_correction_that_changes_nothing_is_refused() =>
        WhenCorrecting(new CorrectHousehold(CorrectionId, null, A.Registered().GroupName, A.Registered().Address,
                [Son(new MemberFactChanges(Name: A.SonFacts.Name))], "核对", null))
            .ThenInvalidExactly(("changes", "correction.changes.none"));

    [Fact]
    public void An_empty_correction_changes_nothing() =>
        WhenCorrecting(Correct()).ThenInvalidExactly(("changes", "correction.changes.none"));

    // ---- members

    [Fact]
    public void A_correction_of_an_unknown_member_is_not_found() =>
        WhenCorrecting(Correct(new MemberCorrection(A.NewMemberId, new MemberFactChanges(Name: "某")))).ThenRefused("member.not-found", RefusalKind.NotFound);

    [Fact]
    public void A_former_member_cannot_be_corrected() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Name: "张晓明"))), Family.And(new MemberLeft(A.SonId, DecreaseReason.MovedOut, D(2020, 9, 1), null)))
            .ThenRefused("member.not-found", RefusalKind.NotFound);

    [Fact]
    public void A_member_named_twice_is_refused() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Name: "张晓明")), Son(new MemberFactChanges(Phone: "13912345678"))))
            .ThenInvalidExactly(("changes.members", "correction.member-twice"));

    [Fact]
    public void Invalid_facts_are_reported_under_the_members_position_in_the_correction() =>
        WhenCorrecting(Correct(new MemberCorrection(A.HeadId, new MemberFactChanges(Phone: "13700000000")),
                Son(new MemberFactChanges(IdNumber: Ids.WithWrongCheckDigit(A.SonIdNumber), Name: "张2"))))
            .ThenInvalidExactly(("changes.members[1].name", "member.name.characters"), ("changes.members[1].idNumber", "member.id-number.checksum"));

    [Fact]
    public void The_first_members_id_number_is_reported_at_index_0() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(IdNumber: A.SonIdNumber[..17]))))
            .ThenInvalidExactly(("changes.members[0].idNumber", "member.id-number.length"));

    [Fact]
    public void A_sex_or_birth_date_that_differs_from_the_id_number_is_refused() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Sex: Sex.Female, BirthDate: D(1998, 3, 4)))))
            .ThenInvalidExactly(("changes.members[0].sex", "member.sex.mismatch"), ("changes.members[0].birthDate", "member.birth-date.mismatch"));

    [Fact]
    public void A_sex_and_birth_date_that_match_the_id_number_are_recorded() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Sex: Sex.Male, BirthDate: D(1998, 3, 3)))))
            .ThenSingle<HouseholdCorrected>().Members.ShouldBe([Son(new MemberFactChanges(Sex: Sex.Male, BirthDate: D(1998, 3, 3)))]);

    [Fact]
    public void A_relation_that_does_not_fit_the_id_number_is_refused() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Relation: Relation.Daughter))))
            .ThenInvalidExactly(("changes.members[0].relation", "member.relation.sex-mismatch"));

    [Fact]
    public void A_spouse_corrected_to_the_heads_sex_is_refused() =>
        WhenCorrecting(Correct(new MemberCorrection(A.SpouseId, new MemberFactChanges(IdNumber: A.StrangerIdNumber))))
            .ThenInvalidExactly(("changes.members[0].relation", "member.relation.sex-mismatch"));

    [Fact]
    public void A_spouse_is_checked_against_the_head_the_correction_leaves() =>
        WhenCorrecting(Correct(
                new MemberCorrection(A.HeadId, new MemberFactChanges(Relation: Relation.Spouse)),
                new MemberCorrection(A.SpouseId, new MemberFactChanges(Relation: Relation.Head))))
            .ThenSingle<HouseholdCorrected>().Members.Count.ShouldBe(2);

    [Fact]
    public void A_second_head_is_refused() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Relation: Relation.Head))))
            .ThenInvalidExactly(("changes.members", "household.head.exactly-one"));

    [Fact]
    public void A_correction_that_leaves_no_head_is_refused() =>
        WhenCorrecting(Correct(new MemberCorrection(A.HeadId, new MemberFactChanges(Relation: Relation.Father))))
            .ThenRefused("household.head.required");

    [Fact]
    public void The_head_may_be_handed_on_in_one_correction() =>
        WhenCorrecting(Correct(new MemberCorrection(A.HeadId, new MemberFactChanges(Relation: Relation.Father)), Son(new MemberFactChanges(Relation: Relation.Head))))
            .ThenSingle<HouseholdCorrected>().Members.Count.ShouldBe(2);

    [Fact]
    public void Two_members_with_the_same_id_number_are_refused() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(IdNumber: A.HeadIdNumber))))
            .ThenInvalidExactly(("changes.members", "member.id-number.duplicate"));

    [Fact]
    public void Id_numbers_entered_the_wrong_way_round_may_be_swapped_in_one_correction() =>
        WhenCorrecting(Correct(new MemberCorrection(A.HeadId, new MemberFactChanges(IdNumber: A.SonIdNumber)), Son(new MemberFactChanges(IdNumber: A.HeadIdNumber))))
            .ThenSingle<HouseholdCorrected>().Members.Select(m => m.Changes.IdNumber).ShouldBe([A.SonIdNumber, A.HeadIdNumber]);

    [Fact]
    public void An_id_number_that_belongs_to_another_household_is_refused() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(IdNumber: A.StrangerIdNumber))), claimedElsewhere: ClaimedElsewhere(A.StrangerIdNumber))
            .ThenRefused("member.id-number.in-other-household");

    [Fact]
    public void An_unchanged_id_number_is_not_checked_for_claims_elsewhere() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(IdNumber: A.SonIdNumber, Name: "张晓明"))), claimedElsewhere: ClaimedElsewhere(A.SonIdNumber))
            .ThenSingle<HouseholdCorrected>();

    [Fact]
    public void Overlong_group_name_address_and_evidence_are_refused() =>
        WhenCorrecting(new CorrectHousehold(CorrectionId, null, new string('组', 51), new string('址', 201), [], "核对", new string('证', 501)))
            .ThenInvalidExactly(("changes.groupName", "field.too-long"), ("changes.address", "field.too-long"), ("evidence", "field.too-long"));

    [Fact]
    public void A_removed_household_is_not_corrected() =>
        WhenCorrecting(Correct(Son(new MemberFactChanges(Name: "张晓明"))),
                Given(A.Registered(HouseholdStatus.Exited), A.Flagged, new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 9))))
            .ThenRefused("household.removed");

    // ---- the corrected household

    [Fact]
    public void A_correction_replaces_the_corrected_fields_and_keeps_the_rest()
    {
        var state = Family.And(new HouseholdCorrected(CorrectionId, ProblemId, "三组", null,
            [Son(new MemberFactChanges(Name: "张晓明", Health: Health.ChronicIllness))], null, D(2020, 11, 10)));

        state.ShouldSatisfyAllConditions(
            s => s.GroupName.ShouldBe("三组"),
            s => s.Address.ShouldBe(A.Registered().Address),
            s => s.FindMember(A.SonId)!.Facts.ShouldBe(A.SonFacts with { Name = "张晓明", Health = Health.ChronicIllness }),
            s => s.FindMember(A.SonId)!.Since.ShouldBe(A.RegisteredOn),
            s => s.FindMember(A.HeadId).ShouldBe(Family.FindMember(A.HeadId)));
    }

    [Fact]
    public void A_correction_of_someone_no_longer_a_member_changes_no_member()
    {
        var sonLeft = Family.And(new MemberLeft(A.SonId, DecreaseReason.MovedOut, D(2020, 9, 1), null));

        var state = sonLeft.And(new HouseholdCorrected(CorrectionId, null, null, null, [Son(new MemberFactChanges(Name: "张晓明"))], null, D(2020, 11, 10)));

        state.Members.ShouldBe(sonLeft.Members);
        state.FormerMembers.ShouldBe(sonLeft.FormerMembers);
    }

    [Fact]
    public void A_correction_dates_the_corrected_members_last_fact()
    {
        var state = Family.And(new HouseholdCorrected(CorrectionId, null, null, null, [Son(new MemberFactChanges(Name: "张晓明"))], null, D(2020, 11, 10)));

        state.FindMember(A.SonId)!.LastFactOn.ShouldBe(D(2020, 11, 10));
        state.FindMember(A.HeadId)!.LastFactOn.ShouldBeNull();
    }

    [Fact]
    public void A_members_last_fact_is_the_latest_effective_date_whatever_the_order_recorded()
    {
        var state = Family.And(
            new MemberFactsChanged(A.SonId, new MemberFactChanges(Health: Health.MajorIllness), D(2020, 10, 1)),
            new MemberFactsChanged(A.SonId, new MemberFactChanges(Phone: "13912345678"), D(2020, 8, 1)));

        state.FindMember(A.SonId)!.LastFactOn.ShouldBe(D(2020, 10, 1));
        state.FindMember(A.SonId)!.Facts.Phone.ShouldBe("13912345678");
    }

    [Fact]
    public void A_former_member_keeps_the_date_of_the_last_fact()
    {
        var state = Family.And(
            new MemberFactsChanged(A.SonId, new MemberFactChanges(Health: Health.MajorIllness), D(2020, 10, 1)),
            new MemberLeft(A.SonId, DecreaseReason.Death, D(2020, 9, 1), null));

        state.FormerMembers.ShouldHaveSingleItem().LastFactOn.ShouldBe(D(2020, 10, 1));
    }
}
