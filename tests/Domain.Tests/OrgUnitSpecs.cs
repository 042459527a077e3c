using Registry.Domain.Org;

namespace Registry.Domain.Tests;

public class OrgUnitSpecs
{
    private const string District = "500101000000";
    private const string Town = "500101001000";
    private const string Village = "500101001001";

    private static Outcome WhenRegistering(RegisterOrgUnit command, OrgUnitState? existing = null, OrgKind? parent = OrgKind.Town) =>
        When(() => RegisterOrgUnitDecision.Decide(command, existing, parent, Now));

    [Fact]
    public void A_village_is_registered_under_its_town_at_the_instant_of_the_command() =>
        WhenRegistering(new RegisterOrgUnit(Village, " 石桥村 ", OrgKind.Village, Town, true))
            .Then(new OrgUnitRegistered(Village, "石桥村", OrgKind.Village, Town, true, Now));

    [Fact]
    public void A_town_is_registered_under_its_district() =>
        WhenRegistering(new RegisterOrgUnit(Town, "龙驹镇", OrgKind.Town, District, null), parent: OrgKind.District)
            .Then(new OrgUnitRegistered(Town, "龙驹镇", OrgKind.Town, District, false, Now));

    [Fact]
    public void A_code_already_registered_is_refused() =>
        WhenRegistering(new RegisterOrgUnit(Village, "石桥村", OrgKind.Village, Town, false),
                existing: new OrgUnitState(Village, "石桥村", OrgKind.Village, Town, false))
            .ThenRefused("conflict.duplicate", RefusalKind.Rule);

    [Fact]
    public void The_parent_must_be_registered() =>
        WhenRegistering(new RegisterOrgUnit(Village, "石桥村", OrgKind.Village, Town, false), parent: null).ThenRefused("org.parent-unknown");

    [Fact]
    public void A_unit_sits_under_a_unit_of_a_higher_kind() =>
        WhenRegistering(new RegisterOrgUnit(Town, "龙驹镇", OrgKind.Town, District, false), parent: OrgKind.Village).ThenRefused("org.parent-kind");

    [Fact]
    public void Only_a_village_can_be_a_poor_village() =>
        WhenRegistering(new RegisterOrgUnit(Town, "龙驹镇", OrgKind.Town, District, true), parent: OrgKind.District)
            .ThenInvalidExactly(("isPoorVillage", "org.poor-village-kind"));

    [Fact]
    public void The_code_is_that_of_the_kind_and_lies_under_the_parent()
    {
        WhenRegistering(new RegisterOrgUnit(Village, "石桥村", OrgKind.Town, District, false)).ThenInvalidExactly(("kind", "org.kind-mismatch"));
        WhenRegistering(new RegisterOrgUnit("500102001001", "石桥村", OrgKind.Village, Town, false)).ThenInvalidExactly(("parentCode", "org.parent-mismatch"));
        WhenRegistering(new RegisterOrgUnit(Town, "龙驹镇", OrgKind.Town, Town, false)).ThenInvalidExactly(("parentCode", "org.parent-mismatch"));
    }

    [Fact]
    public void Fields_are_checked_together() =>
        WhenRegistering(new RegisterOrgUnit("12", " ", null, "x", false))
            .ThenInvalidExactly(("name", "field.required"), ("code", "org.code.format"), ("parentCode", "org.code.format"), ("kind", "field.required"));

    [Fact]
    public void A_carried_over_unit_is_the_unit_it_reports()
    {
        var at = new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero);
        OrgUnitState.Evolve(null, new OrgUnitCarriedOver(Village, "石桥村", OrgKind.Village, Town, true, "clerk-1", at))
            .ShouldBe(new OrgUnitState(Village, "石桥村", OrgKind.Village, Town, true));
        OrgUnitState.Evolve(null, new OrgUnitRegistered(Village, "石桥村", OrgKind.Village, Town, true, at))
            .ShouldBe(new OrgUnitState(Village, "石桥村", OrgKind.Village, Town, true));
    }
}
