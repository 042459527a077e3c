namespace Registry.Domain.Tests;

public class GuaranteeSpecs
{
    private static readonly Household Poor = Given(A.Registered(HouseholdStatus.Poor));

    private static Outcome WhenCertifying(CertifyGuarantee command, Role actor, Household? state = null) =>
        When(() => CertifyGuaranteeDecision.Decide(command, state ?? Poor, actor, Now));

    public static TheoryData<GuaranteeKind, Role> Certifiers => new()
    {
        { GuaranteeKind.FoodClothing, Role.TownOfficer },
        { GuaranteeKind.Education, Role.EducationDept },
        { GuaranteeKind.Medical, Role.MedicalDept },
        { GuaranteeKind.Housing, Role.HousingDept },
        { GuaranteeKind.Water, Role.WaterDept },
    };

    [Theory]
    [MemberData(nameof(Certifiers))]
    public void Each_guarantee_is_certified_by_its_department(GuaranteeKind kind, Role department) =>
        WhenCertifying(new CertifyGuarantee(kind, GuaranteeStatus.Resolved, " 已核实 ", D(2020, 10, 3)), department)
            .Then(new GuaranteeCertified(kind, GuaranteeStatus.Resolved, "已核实", D(2020, 10, 3)));

    [Theory]
    [MemberData(nameof(Certifiers))]
    public void No_other_role_certifies_it(GuaranteeKind kind, Role department)
    {
        foreach (var role in Enum.GetValues<Role>().Where(r => r != department))
            WhenCertifying(new CertifyGuarantee(kind, GuaranteeStatus.Resolved, null, D(2020, 10, 3)), role)
                .ThenRefused("guarantee.wrong-department", RefusalKind.Forbidden);
    }

    [Fact]
    public void The_department_check_comes_before_the_fields() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Water, GuaranteeStatus.Unknown, null, Tomorrow), Role.HousingDept)
            .ThenRefused("guarantee.wrong-department", RefusalKind.Forbidden);

    [Fact]
    public void An_unresolved_guarantee_is_certified_too() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved, "危房", D(2020, 10, 3)), Role.HousingDept)
            .ThenSingle<GuaranteeCertified>().Status.ShouldBe(GuaranteeStatus.Unresolved);

    [Fact]
    public void A_certification_is_resolved_or_unresolved_never_unknown() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Medical, GuaranteeStatus.Unknown, null, D(2020, 10, 3)), Role.MedicalDept)
            .ThenInvalidExactly(("status", "guarantee.status.invalid"));

    [Fact]
    public void Without_a_date_it_is_certified_today() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Medical, GuaranteeStatus.Resolved, null, null), Role.MedicalDept)
            .ThenSingle<GuaranteeCertified>().CertifiedOn.ShouldBe(Today);

    [Fact]
    public void The_certification_date_is_not_in_the_future() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Medical, GuaranteeStatus.Resolved, null, Tomorrow), Role.MedicalDept)
            .ThenInvalidExactly(("certifiedOn", "date.in-future"));

    [Fact]
    public void The_note_has_at_most_2000_characters() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Medical, GuaranteeStatus.Resolved, new string('注', 2001), null), Role.MedicalDept)
            .ThenInvalidExactly(("note", "field.too-long"));

    [Fact]
    public void A_removed_household_is_not_certified() =>
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Medical, GuaranteeStatus.Resolved, null, null), Role.MedicalDept,
            Poor.And(new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 1)))).ThenRefused("household.removed");

    [Fact]
    public void A_household_identified_as_poor_is_certified_from_the_day_of_its_identification()
    {
        var identified = Given(A.Registered(HouseholdStatus.Exited, 2015, 2018),
            new HouseholdIdentifiedAsPoor(A.ProcedureId, 2020, true, 1, 2020, 4000m, 3000m, D(2020, 10, 20)));

        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Housing, GuaranteeStatus.Resolved, null, D(2020, 10, 19)), Role.HousingDept, identified)
            .ThenRefused("guarantee.certified-before-identification");
        WhenCertifying(new CertifyGuarantee(GuaranteeKind.Housing, GuaranteeStatus.Resolved, null, D(2020, 10, 20)), Role.HousingDept, identified)
            .Then(new GuaranteeCertified(GuaranteeKind.Housing, GuaranteeStatus.Resolved, null, D(2020, 10, 20)));
    }

    [Fact]
    public void Guarantees_start_unknown_and_take_the_latest_certification()
    {
        Poor.Guarantees.Values.ShouldAllBe(s => s == GuaranteeStatus.Unknown);
        Poor.Guarantees.Count.ShouldBe(5);

        var state = Poor.And(A.Guarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved), A.Guarantee(GuaranteeKind.Housing));

        state.Guarantees[GuaranteeKind.Housing].ShouldBe(GuaranteeStatus.Resolved);
        state.Guarantees[GuaranteeKind.Water].ShouldBe(GuaranteeStatus.Unknown);
    }
}
