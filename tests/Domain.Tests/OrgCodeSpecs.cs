using Registry.Domain.Org;

namespace Registry.Domain.Tests;

public class OrgCodeSpecs
{
    private const string District = "500101000000";
    private const string Town = "500101001000";
    private const string Village = "500101001001";
    private const string SiblingVillage = "500101001002";
    private const string OtherTownVillage = "500101002001";

    [Theory]
    [InlineData(District, true)]
    [InlineData(Village, true)]
    [InlineData("500101", false)]
    [InlineData("5001010010011", false)]
    [InlineData("50010100100A", false)]
    [InlineData("000101001001", false)]
    [InlineData(null, false)]
    public void A_code_has_12_digits_and_a_province(string? code, bool wellFormed) => OrgCode.IsWellFormed(code).ShouldBe(wellFormed);

    [Theory]
    [InlineData(District, "500101")]
    [InlineData(Town, "500101001")]
    [InlineData(Village, "500101001001")]
    [InlineData("500100000000", "5001")]
    [InlineData("500000000000", "50")]
    [InlineData("500101100000", "500101100")]
    public void The_significant_prefix_drops_trailing_zero_levels(string code, string prefix) =>
        OrgCode.SignificantPrefix(code).ShouldBe(prefix);

    [Theory]
    [InlineData(District, OrgKind.District)]
    [InlineData(Town, OrgKind.Town)]
    [InlineData(Village, OrgKind.Village)]
    [InlineData("500100000000", null)]
    [InlineData("500000000000", null)]
    public void The_kind_follows_from_the_prefix(string code, OrgKind? kind) => OrgCode.KindOf(code).ShouldBe(kind);

    [Theory]
    [InlineData(District, Town)]
    [InlineData(District, Village)]
    [InlineData(District, OtherTownVillage)]
    [InlineData(Town, Village)]
    [InlineData(Town, SiblingVillage)]
    [InlineData(Village, Village)]
    [InlineData(District, District)]
    public void A_unit_contains_its_subtree(string unit, string code) => OrgCode.Contains(unit, code).ShouldBeTrue();

    [Theory]
    [InlineData(Village, SiblingVillage)]
    [InlineData(Town, OtherTownVillage)]
    [InlineData(Village, Town)]
    [InlineData(Town, District)]
    [InlineData(District, "500102001001")]
    public void A_unit_does_not_contain_siblings_or_ancestors(string unit, string code) => OrgCode.Contains(unit, code).ShouldBeFalse();

    [Fact]
    public void The_town_of_a_village_zeroes_the_village_digits() => OrgCode.TownOf(Village).ShouldBe(Town);

    [Fact]
    public void A_units_ancestry_runs_from_itself_up_to_its_province() =>
        OrgCode.Ancestry(Village).ShouldBe([Village, Town, District, "500100000000", "500000000000"]);

    [Fact]
    public void A_districts_ancestry_starts_at_the_district() =>
        OrgCode.Ancestry(District).ShouldBe([District, "500100000000", "500000000000"]);

    [Theory]
    [InlineData(Role.VillageClerk, OrgKind.Village, true)]
    [InlineData(Role.VillageClerk, OrgKind.District, false)]
    [InlineData(Role.TownOfficer, OrgKind.Town, true)]
    [InlineData(Role.TownOfficer, OrgKind.Village, false)]
    [InlineData(Role.DistrictOfficer, OrgKind.District, true)]
    [InlineData(Role.HousingDept, OrgKind.Town, false)]
    [InlineData(Role.Inspector, OrgKind.Town, true)]
    [InlineData(Role.Inspector, OrgKind.District, true)]
    [InlineData(Role.Inspector, OrgKind.Village, false)]
    public void Each_role_acts_at_its_units_level(Role role, OrgKind kind, bool fits) => AccessPolicy.FitsUnit(role, kind).ShouldBe(fits);

    [Theory]
    [InlineData("DistrictOfficer", true)]
    [InlineData("districtofficer", false)]
    [InlineData("5", false)]
    [InlineData("VillageClerk,DistrictOfficer", false)]
    [InlineData(" DistrictOfficer", false)]
    public void A_role_claim_is_one_exact_role_name(string claim, bool known) => (AccessPolicy.Parse(claim) is not null).ShouldBe(known);
}
