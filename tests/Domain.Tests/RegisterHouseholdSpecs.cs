namespace Registry.Domain.Tests;

public class RegisterHouseholdSpecs
{
    private static Outcome WhenRegistering(RegisterHousehold command, IReadOnlySet<string>? claimedElsewhere = null, Errors? inputErrors = null) =>
        When(() => RegisterHouseholdDecision.Decide(command, Now, claimedElsewhere ?? NobodyElsewhere, inputErrors));

    private static RegisteredMember Member(int index, MemberFacts facts) =>
        new(Guid.Parse($"00000000-0000-0000-0000-0000000001{index:D2}"), facts);

    [Fact]
    public void A_family_is_registered_with_its_facts()
    {
        WhenRegistering(A.Register()).Then(
            new HouseholdRegistered(A.HouseholdId, A.Village, "一组", "龙驹镇某村1号", HouseholdStatus.Unregistered, null, null, A.RegisteredOn,
                [A.Head, A.Spouse, A.Son]));
    }

    [Fact]
    public void The_facts_are_normalised()
    {
        var sloppy = new RegisteredMember(A.HeadId, new MemberFacts("  张三 ", $" {Ids.EndingInX().ToLowerInvariant()} ", Relation.Head, " 138 0013 8000 "));
        var command = A.Register(members: sloppy) with { GroupName = "  ", Address = " 1号 " };

        var registered = WhenRegistering(command).ThenSingle<HouseholdRegistered>();

        registered.GroupName.ShouldBeNull();
        registered.Address.ShouldBe("1号");
        registered.Members.Single().Facts.ShouldBe(new MemberFacts("张三", Ids.EndingInX(), Relation.Head, "13800138000"));
    }

    [Fact]
    public void An_empty_phone_is_no_phone() =>
        WhenRegistering(A.Register(members: new RegisteredMember(A.HeadId, A.HeadFacts with { Phone = "  " })))
            .ThenSingle<HouseholdRegistered>().Members[0].Facts.Phone.ShouldBeNull();

    [Fact]
    public void Without_a_date_the_household_is_registered_today() =>
        WhenRegistering(A.Register() with { RegisteredOn = null }).ThenSingle<HouseholdRegistered>().RegisteredOn.ShouldBe(Today);

    [Fact]
    public void A_household_carried_over_keeps_its_years()
    {
        var poor = WhenRegistering(A.Register(HouseholdStatus.Poor, identifiedYear: 2016)).ThenSingle<HouseholdRegistered>();
        poor.Status.ShouldBe(HouseholdStatus.Poor);
        poor.IdentifiedYear.ShouldBe(2016);
        poor.ExitYear.ShouldBeNull();

        var exited = WhenRegistering(A.Register(HouseholdStatus.Exited, identifiedYear: 2015, exitYear: 2018)).ThenSingle<HouseholdRegistered>();
        exited.Status.ShouldBe(HouseholdStatus.Exited);
        exited.IdentifiedYear.ShouldBe(2015);
        exited.ExitYear.ShouldBe(2018);
    }

    [Fact]
    public void Years_that_do_not_fit_the_status_are_dropped()
    {
        var unregistered = WhenRegistering(A.Register(HouseholdStatus.Unregistered, identifiedYear: 2016, exitYear: 2018)).ThenSingle<HouseholdRegistered>();
        unregistered.IdentifiedYear.ShouldBeNull();
        unregistered.ExitYear.ShouldBeNull();

        WhenRegistering(A.Register(HouseholdStatus.Poor, identifiedYear: 2016, exitYear: 2018)).ThenSingle<HouseholdRegistered>().ExitYear.ShouldBeNull();
    }

    [Fact]
    public void An_exited_household_carried_over_names_its_identification_year() =>
        WhenRegistering(A.Register(HouseholdStatus.Exited, exitYear: 2019)).ThenInvalidExactly(("identifiedYear", "household.identified-year.required"));

    [Fact]
    public void A_household_without_members_is_refused() =>
        WhenRegistering(A.Register() with { Members = [] }).ThenInvalidExactly(("members", "household.members.required"));

    [Fact]
    public void A_household_has_at_most_30_members()
    {
        var members = Enumerable.Range(0, 31)
            .Select(i => Member(i, new MemberFacts($"成员{(char)('甲' + i)}", Ids.Man(i, "19900101"), i == 0 ? Relation.Head : Relation.Other)))
            .ToArray();

        WhenRegistering(A.Register(members: members)).ThenInvalidExactly(("members", "household.members.too-many"));
    }

    [Fact]
    public void A_household_without_a_head_is_refused() =>
        WhenRegistering(A.Register(members: [A.Spouse, A.Son])).ThenInvalidExactly(("members", "household.head.exactly-one"));

    [Fact]
    public void A_household_with_two_heads_is_refused() =>
        WhenRegistering(A.Register(members: [A.Head, Member(1, A.SonFacts with { Relation = Relation.Head })]))
            .ThenInvalidExactly(("members", "household.head.exactly-one"));

    [Fact]
    public void Every_invalid_member_field_is_reported_together_with_its_path()
    {
        var members = new[]
        {
            A.Head,
            Member(1, A.SpouseFacts with { Name = "李4", IdNumber = Ids.WithWrongCheckDigit(A.SpouseIdNumber), Phone = "12345" }),
            Member(2, A.SonFacts with { IdNumber = "123" }),
        };

        var refusal = WhenRegistering(A.Register(members: members)).ThenInvalidExactly(
            ("members[1].name", "member.name.characters"),
            ("members[1].idNumber", "member.id-number.checksum"),
            ("members[1].phone", "member.phone.format"),
            ("members[2].idNumber", "member.id-number.length"));

        refusal.Code.ShouldBe("member.name.characters");
        refusal.Message.ShouldBe("The request has invalid fields.");
    }

    [Fact]
    public void A_single_invalid_field_carries_its_own_message() =>
        WhenRegistering(A.Register(members: [A.Head, Member(1, A.SonFacts with { IdNumber = "123" })]))
            .ThenInvalidExactly(("members[1].idNumber", "member.id-number.length"))
            .Message.ShouldBe("A resident ID number has 18 characters.");

    [Fact]
    public void Household_and_member_errors_are_reported_together_with_the_input_errors()
    {
        var input = new Errors().Add("villageCode", "org.unknown", "No such village.");
        var command = A.Register(HouseholdStatus.Poor, members: [A.Head, Member(1, A.SonFacts with { Name = "" })]) with { GroupName = new string('组', 51) };

        WhenRegistering(command, inputErrors: input).ThenInvalidExactly(
            ("villageCode", "org.unknown"),
            ("groupName", "field.too-long"),
            ("identifiedYear", "household.identified-year.required"),
            ("members[1].name", "member.name.required"));
    }

    [Fact]
    public void The_same_id_number_twice_in_the_household_is_refused() =>
        WhenRegistering(A.Register(members: [A.Head, A.Spouse, Member(1, A.SonFacts with { IdNumber = A.SpouseIdNumber.ToLowerInvariant(), Relation = Relation.Daughter })]))
            .ThenInvalidExactly(("members[2].idNumber", "member.id-number.duplicate"));

    [Fact]
    public void A_person_who_belongs_to_another_household_is_refused()
    {
        var refusal = WhenRegistering(A.Register(), ClaimedElsewhere(A.SonIdNumber)).ThenRefused(PersonClaims.Code, RefusalKind.Rule);

        refusal.Code.ShouldBe("member.id-number.in-other-household");
        refusal.Message.ShouldContain(ResidentIdNumber.Mask(A.SonIdNumber));
        refusal.Message.ShouldNotContain(A.SonIdNumber);
    }

    [Fact]
    public void Invalid_fields_are_reported_before_claims_elsewhere() =>
        WhenRegistering(A.Register(members: [A.Head, Member(1, A.SonFacts with { Name = "" })]), ClaimedElsewhere(A.HeadIdNumber))
            .ThenInvalidExactly(("members[1].name", "member.name.required"));

    [Theory]
    [InlineData(Relation.Son)]
    [InlineData(Relation.SonInLaw)]
    [InlineData(Relation.Grandson)]
    [InlineData(Relation.Father)]
    public void A_male_relation_needs_a_male_id_number(Relation relation) =>
        WhenRegistering(A.Register(members: [A.Head, Member(1, new MemberFacts("某某", A.DaughterIdNumber, relation))]))
            .ThenInvalidExactly(("members[1].relation", "member.relation.sex-mismatch"));

    [Theory]
    [InlineData(Relation.Daughter)]
    [InlineData(Relation.DaughterInLaw)]
    [InlineData(Relation.Granddaughter)]
    [InlineData(Relation.Mother)]
    public void A_female_relation_needs_a_female_id_number(Relation relation) =>
        WhenRegistering(A.Register(members: [A.Head, Member(1, new MemberFacts("某某", A.SonIdNumber, relation))]))
            .ThenInvalidExactly(("members[1].relation", "member.relation.sex-mismatch"));

    [Theory]
    [InlineData(Relation.Head)]
    [InlineData(Relation.Other)]
    public void Head_and_other_fit_either_sex(Relation relation)
    {
        var members = relation == Relation.Head
            ? new[] { new RegisteredMember(A.HeadId, A.SpouseFacts with { Relation = Relation.Head }) }
            : [A.Head, Member(1, new MemberFacts("某某", A.DaughterIdNumber, Relation.Other)), Member(2, new MemberFacts("某甲", A.StrangerIdNumber, Relation.Other))];

        WhenRegistering(A.Register(members: members)).ThenSingle<HouseholdRegistered>();
    }

    [Fact]
    public void A_spouse_of_the_same_sex_as_the_head_is_refused() =>
        WhenRegistering(A.Register(members: [A.Head, Member(1, new MemberFacts("王五", A.StrangerIdNumber, Relation.Spouse))]))
            .ThenInvalidExactly(("members[1].relation", "member.relation.sex-mismatch"));

    [Fact]
    public void A_female_head_has_a_male_spouse()
    {
        var members = new[]
        {
            new RegisteredMember(A.HeadId, new MemberFacts("李四", A.SpouseIdNumber, Relation.Head)),
            Member(1, new MemberFacts("张三", A.HeadIdNumber, Relation.Spouse)),
        };

        WhenRegistering(A.Register(members: members)).ThenSingle<HouseholdRegistered>();
    }

    [Fact]
    public void A_poor_household_names_the_year_it_was_identified() =>
        WhenRegistering(A.Register(HouseholdStatus.Poor)).ThenInvalidExactly(("identifiedYear", "household.identified-year.required"));

    [Fact]
    public void An_exited_household_names_its_exit_year() =>
        WhenRegistering(A.Register(HouseholdStatus.Exited, identifiedYear: 2016)).ThenInvalidExactly(("exitYear", "household.exit-year.required"));

    [Fact]
    public void A_household_cannot_be_registered_as_removed() =>
        WhenRegistering(A.Register(HouseholdStatus.Removed, identifiedYear: 2016, exitYear: 2018)).ThenInvalidExactly(("status", "household.status.invalid"));

    [Theory]
    [InlineData(2013, null, "identifiedYear")]
    [InlineData(2021, null, "identifiedYear")]
    [InlineData(2016, 2013, "exitYear")]
    [InlineData(2016, 2021, "exitYear")]
    public void Years_lie_between_2014_and_this_year(int identifiedYear, int? exitYear, string field) =>
        WhenRegistering(A.Register(HouseholdStatus.Exited, identifiedYear, exitYear ?? 2019)).ThenInvalid((field, "year.out-of-range"));

    [Theory]
    [InlineData(2014, 2014)]
    [InlineData(2019, 2020)]
    public void The_first_and_the_current_year_are_plausible(int identifiedYear, int exitYear) =>
        WhenRegistering(A.Register(HouseholdStatus.Exited, identifiedYear, exitYear)).ThenSingle<HouseholdRegistered>();

    [Theory]
    [InlineData(HouseholdStatus.Poor, Role.VillageClerk)]
    [InlineData(HouseholdStatus.Poor, Role.TownOfficer)]
    [InlineData(HouseholdStatus.Exited, Role.WorkTeam)]
    public void Only_the_district_office_registers_a_household_carried_over(HouseholdStatus status, Role registrar) =>
        WhenRegistering(A.Register(status, 2016, status == HouseholdStatus.Exited ? 2019 : null) with { Registrar = registrar })
            .ThenRefused("household.carry-over.district-only", RefusalKind.Forbidden);

    [Theory]
    [InlineData(HouseholdStatus.Poor)]
    [InlineData(HouseholdStatus.Exited)]
    public void A_household_carried_over_was_identified_before_the_year_it_is_registered_in(HouseholdStatus status) =>
        WhenRegistering(A.Register(status, 2020, status == HouseholdStatus.Exited ? 2020 : null))
            .ThenInvalidExactly(("identifiedYear", "household.identified-year.not-carried-over"));

    [Fact]
    public void A_village_registers_a_new_household_as_unregistered() =>
        WhenRegistering(A.Register() with { Registrar = Role.VillageClerk }).ThenSingle<HouseholdRegistered>();

    [Fact]
    public void A_household_cannot_exit_before_it_was_identified() =>
        WhenRegistering(A.Register(HouseholdStatus.Exited, 2018, 2017)).ThenInvalidExactly(("exitYear", "household.exit-year.before-identification"));

    [Fact]
    public void The_registration_date_is_not_in_the_future() =>
        WhenRegistering(A.Register() with { RegisteredOn = Tomorrow }).ThenInvalidExactly(("registeredOn", "date.in-future"));

    [Fact]
    public void The_registration_date_may_be_today() =>
        WhenRegistering(A.Register() with { RegisteredOn = Today }).ThenSingle<HouseholdRegistered>().RegisteredOn.ShouldBe(Today);

    [Fact]
    public void The_registration_date_is_not_implausibly_early() =>
        WhenRegistering(A.Register() with { RegisteredOn = D(1899, 12, 31) }).ThenInvalidExactly(("registeredOn", "date.out-of-range"));

    [Fact]
    public void The_address_has_at_most_200_characters() =>
        WhenRegistering(A.Register() with { Address = new string('址', 201) }).ThenInvalidExactly(("address", "field.too-long"));
}
