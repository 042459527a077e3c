namespace Registry.Domain.Tests;

public class MemberSpecs
{
    private static readonly Household Family = Given(A.Registered());

    private static Outcome WhenAdding(AddMember command, Household? state = null, IReadOnlySet<string>? claimedElsewhere = null) =>
        When(() => AddMemberDecision.Decide(command, state ?? Family, Now, claimedElsewhere ?? NobodyElsewhere));

    private static Outcome WhenRemoving(RemoveMember command, Household? state = null) =>
        When(() => RemoveMemberDecision.Decide(command, state ?? Family, Now));

    private static Outcome WhenChanging(MemberFactChanges changes, Guid? memberId = null, string? reason = "户籍信息核对", DateOnly? on = null,
        Household? state = null, IReadOnlySet<string>? claimedElsewhere = null) =>
        When(() => ChangeMemberDecision.Decide(new ChangeMember(memberId ?? A.SonId, changes, on ?? D(2020, 10, 20), reason), state ?? Family, Now,
            claimedElsewhere ?? NobodyElsewhere));

    private static AddMember Daughter(DateOnly? on = null) =>
        new(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, on ?? D(2020, 10, 1));

    private static readonly Household Removed = Given(A.Registered(HouseholdStatus.Exited),
        new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 30)));

    // ---- natural increase

    [Fact]
    public void A_member_joins_with_reason_and_date() =>
        WhenAdding(Daughter()).Then(new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 10, 1)));

    [Fact]
    public void A_newborn_is_kept_as_joined_at_birth_and_its_join_date_as_a_birth_date()
    {
        var joined = new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 10, 1));
        var member = Given(A.Registered(), joined).FindMember(A.NewMemberId)!;

        member.JoinedFor.ShouldBe(IncreaseReason.Birth);
        member.JoinedAtBirth().ShouldBeTrue();
        EventFacts.DatesABirth(joined).ShouldBeTrue();
        EventFacts.EffectiveOnShown(joined, birthDatesShown: false).ShouldBeNull();
        EventFacts.EffectiveOnShown(joined, birthDatesShown: true).ShouldBe(D(2020, 10, 1));
    }

    [Fact]
    public void A_member_joined_otherwise_keeps_its_date()
    {
        var married = new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.MarriageIn, D(2020, 10, 1));
        var member = Given(A.Registered(), married).FindMember(A.NewMemberId)!;

        member.JoinedAtBirth().ShouldBeFalse();
        EventFacts.EffectiveOnShown(married, birthDatesShown: false).ShouldBe(D(2020, 10, 1));
        Given(A.Registered()).Members.ShouldAllBe(m => m.JoinedFor == null && !m.JoinedAtBirth());
    }

    [Fact]
    public void The_joining_member_facts_are_normalised() =>
        WhenAdding(Daughter() with { Facts = A.DaughterFacts with { Name = " 张小红 ", IdNumber = $" {A.DaughterIdNumber} ", Phone = "023 5812 3456" } })
            .ThenSingle<MemberJoined>().Facts.ShouldBe(A.DaughterFacts with { Phone = "02358123456" });

    [Fact]
    public void Invalid_facts_of_a_joining_member_are_reported_under_member() =>
        WhenAdding(Daughter() with { Facts = A.DaughterFacts with { Name = "", IdNumber = A.SonIdNumber[..17], Phone = "110" } })
            .ThenInvalidExactly(("member.name", "member.name.required"), ("member.idNumber", "member.id-number.length"), ("member.phone", "member.phone.format"));

    [Fact]
    public void A_joining_member_whose_relation_does_not_fit_the_id_number_is_refused() =>
        WhenAdding(Daughter() with { Facts = A.DaughterFacts with { Relation = Relation.Son } })
            .ThenInvalidExactly(("member.relation", "member.relation.sex-mismatch"));

    [Fact]
    public void A_joining_spouse_of_the_heads_sex_is_refused() =>
        WhenAdding(Daughter() with { Facts = new MemberFacts("王五", A.StrangerIdNumber, Relation.Spouse) }, Given(A.RegisteredAlone()))
            .ThenInvalidExactly(("member.relation", "member.relation.sex-mismatch"));

    [Fact]
    public void A_second_head_cannot_join() =>
        WhenAdding(Daughter() with { Facts = A.DaughterFacts with { Relation = Relation.Head } })
            .ThenInvalidExactly(("member.relation", "household.head.exactly-one"));

    [Fact]
    public void A_head_can_join_a_household_that_has_none()
    {
        var headless = Given(A.Registered(), new MemberLeft(A.HeadId, DecreaseReason.Death, D(2020, 5, 1), null));

        WhenAdding(Daughter() with { Facts = A.DaughterFacts with { Relation = Relation.Head } }, headless).ThenSingle<MemberJoined>();
    }

    [Fact]
    public void A_current_member_cannot_join_again() =>
        WhenAdding(Daughter() with { Facts = A.SonFacts with { IdNumber = A.SonIdNumber.ToLowerInvariant() } })
            .ThenInvalidExactly(("member.idNumber", "member.id-number.duplicate"));

    [Fact]
    public void A_former_member_can_rejoin()
    {
        var sonLeft = Given(A.Registered(), new MemberLeft(A.SonId, DecreaseReason.Enlistment, D(2019, 9, 1), null));

        WhenAdding(new AddMember(A.NewMemberId, A.SonFacts, IncreaseReason.Return, D(2020, 9, 1)), sonLeft).ThenSingle<MemberJoined>();
    }

    [Fact]
    public void A_person_who_belongs_to_another_household_cannot_join() =>
        WhenAdding(Daughter(), claimedElsewhere: ClaimedElsewhere(A.DaughterIdNumber)).ThenRefused("member.id-number.in-other-household");

    [Fact]
    public void A_member_cannot_join_in_the_future() =>
        WhenAdding(Daughter(Tomorrow)).ThenInvalidExactly(("effectiveDate", "date.in-future"));

    [Fact]
    public void A_household_has_at_most_30_members()
    {
        var others = Enumerable.Range(10, 27).Select(i => (object)new MemberJoined(Guid.NewGuid(),
            new MemberFacts("亲戚", Ids.Man(i, "19900101"), Relation.Other), IncreaseReason.Other, D(2020, 2, 1)));
        var full = Given([A.Registered(), .. others]);
        full.Members.Count.ShouldBe(30);

        WhenAdding(Daughter(), full).ThenInvalidExactly(("member", "household.members.too-many"));
    }

    [Fact]
    public void Nobody_joins_a_removed_household() =>
        WhenAdding(Daughter(), Removed).ThenRefused("household.removed");

    // ---- natural decrease

    [Fact]
    public void A_member_leaves_with_reason_date_and_note() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.MarriageOut, D(2020, 10, 1), "  嫁娶 "))
            .Then(new MemberLeft(A.SonId, DecreaseReason.MarriageOut, D(2020, 10, 1), "嫁娶"));

    [Fact]
    public void An_empty_note_is_no_note() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, D(2020, 10, 1), " ")).ThenSingle<MemberLeft>().Note.ShouldBeNull();

    [Fact]
    public void An_unknown_member_cannot_leave() =>
        WhenRemoving(new RemoveMember(A.NewMemberId, DecreaseReason.Death, D(2020, 10, 1), null)).ThenRefused("member.not-found", RefusalKind.NotFound);

    [Fact]
    public void A_former_member_cannot_leave_again()
    {
        var sonLeft = Given(A.Registered(), new MemberLeft(A.SonId, DecreaseReason.Enlistment, D(2020, 9, 1), null));

        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, D(2020, 10, 1), null), sonLeft).ThenRefused("member.not-found", RefusalKind.NotFound);
    }

    [Fact]
    public void A_member_cannot_leave_before_joining()
    {
        var withDaughter = Family.And(new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 6, 1)));

        WhenRemoving(new RemoveMember(A.NewMemberId, DecreaseReason.Death, D(2020, 5, 31), null), withDaughter).ThenRefused("member.removal.before-joining");
    }

    [Fact]
    public void A_member_can_leave_on_the_day_of_joining() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, A.RegisteredOn, null)).ThenSingle<MemberLeft>();

    [Fact]
    public void A_registered_member_cannot_leave_before_the_registration_date() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, A.RegisteredOn.AddDays(-1), null)).ThenRefused("member.removal.before-joining");

    [Fact]
    public void The_last_member_cannot_leave() =>
        WhenRemoving(new RemoveMember(A.HeadId, DecreaseReason.Death, D(2020, 10, 1), null), Given(A.RegisteredAlone()))
            .ThenRefused("household.members.last");

    [Fact]
    public void A_member_cannot_leave_in_the_future() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, Tomorrow, null)).ThenInvalidExactly(("effectiveDate", "date.in-future"));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Leaving_for_another_reason_needs_a_note(string? note) =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Other, D(2020, 10, 1), note)).ThenInvalidExactly(("note", "member.removal.note-required"));

    [Fact]
    public void Leaving_for_another_reason_with_a_note_is_accepted() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Other, D(2020, 10, 1), "外出失联")).ThenSingle<MemberLeft>().Note.ShouldBe("外出失联");

    [Fact]
    public void A_note_has_at_most_2000_characters() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, D(2020, 10, 1), new string('注', 2001))).ThenInvalidExactly(("note", "field.too-long"));

    [Fact]
    public void Nobody_leaves_a_removed_household() =>
        WhenRemoving(new RemoveMember(A.SonId, DecreaseReason.Death, D(2020, 10, 1), null), Removed).ThenRefused("household.removed");

    // ---- changes of facts

    [Fact]
    public void A_change_records_only_the_fields_that_differ()
    {
        var changes = new MemberFactChanges(Name: "张小明", Phone: "13912345678", Health: Health.ChronicIllness, SchoolStatus: SchoolStatus.Higher);

        WhenChanging(changes).Then(new MemberFactsChanged(A.SonId,
            new MemberFactChanges(Phone: "13912345678", Health: Health.ChronicIllness), D(2020, 10, 20)));
    }

    [Fact]
    public void Changed_values_are_normalised_before_comparing() =>
        WhenChanging(new MemberFactChanges(Name: "  张小明 ", Phone: "139 1234 5678"))
            .ThenSingle<MemberFactsChanged>().Changes.ShouldBe(new MemberFactChanges(Phone: "13912345678"));

    [Fact]
    public void Without_a_date_the_change_takes_effect_today() =>
        When(() => ChangeMemberDecision.Decide(new ChangeMember(A.SonId, new MemberFactChanges(Health: Health.MajorIllness), null, "病情变化"), Family, Now, NobodyElsewhere))
            .ThenSingle<MemberFactsChanged>().EffectiveDate.ShouldBe(Today);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_change_needs_a_reason(string? reason) =>
        WhenChanging(new MemberFactChanges(Health: Health.MajorIllness), reason: reason).ThenInvalidExactly(("reason", "reason.required"));

    [Fact]
    public void A_reason_has_at_most_2000_characters() =>
        WhenChanging(new MemberFactChanges(Health: Health.MajorIllness), reason: new string('因', 2001)).ThenInvalidExactly(("reason", "field.too-long"));

    [Fact]
    public void A_change_of_an_unknown_member_is_not_found() =>
        WhenChanging(new MemberFactChanges(Health: Health.MajorIllness), memberId: A.NewMemberId).ThenRefused("member.not-found", RefusalKind.NotFound);

    [Fact]
    public void A_change_that_changes_nothing_is_refused() =>
        WhenChanging(new MemberFactChanges()).ThenInvalidExactly(("changes", "member.changes.none"));

    [Fact]
    public void Restating_the_recorded_facts_changes_nothing() =>
        WhenChanging(new MemberFactChanges(Name: A.SonFacts.Name, IdNumber: A.SonIdNumber, Relation: Relation.Son, SchoolStatus: SchoolStatus.Higher))
            .ThenInvalidExactly(("changes", "member.changes.none"));

    [Fact]
    public void A_change_cannot_take_effect_in_the_future() =>
        WhenChanging(new MemberFactChanges(Health: Health.MajorIllness), on: Tomorrow).ThenInvalidExactly(("effectiveDate", "date.in-future"));

    [Fact]
    public void A_changed_fact_is_checked_like_a_new_one() =>
        WhenChanging(new MemberFactChanges(Name: "张2", IdNumber: Ids.WithWrongCheckDigit(A.SonIdNumber), Phone: "999"))
            .ThenInvalidExactly(("name", "member.name.characters"), ("idNumber", "member.id-number.checksum"), ("phone", "member.phone.format"));

    [Fact]
    public void A_relation_that_no_longer_fits_the_id_number_is_refused() =>
        WhenChanging(new MemberFactChanges(Relation: Relation.Daughter)).ThenInvalidExactly(("relation", "member.relation.sex-mismatch"));

    [Fact]
    public void An_id_number_that_no_longer_fits_the_relation_is_refused() =>
        WhenChanging(new MemberFactChanges(IdNumber: A.DaughterIdNumber)).ThenInvalidExactly(("relation", "member.relation.sex-mismatch"));

    [Fact]
    public void Changing_relation_and_id_number_together_is_accepted() =>
        WhenChanging(new MemberFactChanges(IdNumber: A.DaughterIdNumber, Relation: Relation.Daughter, Name: "张小红"))
            .ThenSingle<MemberFactsChanged>().Changes.ShouldBe(new MemberFactChanges("张小红", A.DaughterIdNumber, Relation.Daughter));

    [Fact]
    public void A_second_head_is_refused() =>
        WhenChanging(new MemberFactChanges(Relation: Relation.Head)).ThenInvalidExactly(("relation", "household.head.exactly-one"));

    [Fact]
    public void The_head_may_be_changed_by_the_head_itself() =>
        WhenChanging(new MemberFactChanges(Phone: "13700000000"), memberId: A.HeadId).ThenSingle<MemberFactsChanged>();

    [Fact]
    public void A_spouse_changed_to_the_heads_sex_is_refused() =>
        WhenChanging(new MemberFactChanges(IdNumber: A.StrangerIdNumber), memberId: A.SpouseId).ThenInvalidExactly(("relation", "member.relation.sex-mismatch"));

    [Fact]
    public void An_id_number_of_another_member_is_refused() =>
        WhenChanging(new MemberFactChanges(IdNumber: A.HeadIdNumber, Relation: Relation.Other)).ThenInvalidExactly(("idNumber", "member.id-number.duplicate"));

    [Fact]
    public void A_new_id_number_that_belongs_to_another_household_is_refused() =>
        WhenChanging(new MemberFactChanges(IdNumber: A.StrangerIdNumber), claimedElsewhere: ClaimedElsewhere(A.StrangerIdNumber))
            .ThenRefused("member.id-number.in-other-household");

    [Fact]
    public void An_unchanged_id_number_is_not_checked_for_claims_elsewhere() =>
        WhenChanging(new MemberFactChanges(Health: Health.MajorIllness), claimedElsewhere: ClaimedElsewhere(A.SonIdNumber)).ThenSingle<MemberFactsChanged>();

    [Fact]
    public void Nothing_changes_in_a_removed_household() =>
        WhenChanging(new MemberFactChanges(Health: Health.MajorIllness), state: Removed).ThenRefused("household.removed");

    [Fact]
    public void Changes_apply_field_by_field_and_keep_the_rest()
    {
        var facts = A.SonFacts with { Phone = "13800000000", Health = Health.Healthy };

        new MemberFactChanges(Phone: "13900000000", Disability: Disability.Grade2).ApplyTo(facts)
            .ShouldBe(facts with { Phone = "13900000000", Disability = Disability.Grade2 });
        new MemberFactChanges().ChangesNothing().ShouldBeTrue();
        new MemberFactChanges(WorkStatus: WorkStatus.None).ChangesNothing().ShouldBeFalse();
    }
}
