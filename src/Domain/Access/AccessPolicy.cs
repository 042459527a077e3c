using System.Collections.Frozen;
using Registry.Domain.Households;

namespace Registry.Domain.Access;

/// <summary>Who may do what; the one table every endpoint consults.</summary>
public static class AccessPolicy
{
    private static readonly Role[] VillageRoles = [Role.VillageClerk, Role.VillageHead, Role.FirstSecretary, Role.WorkTeam];
    private static readonly Role[] Departments = [Role.HousingDept, Role.EducationDept, Role.MedicalDept, Role.WaterDept];
    private static readonly Role[] Everyone = Enum.GetValues<Role>();

    public static readonly FrozenDictionary<Permission, FrozenSet<Role>> Table = new Dictionary<Permission, Role[]>
    {
        [Permission.ReadRegistry] = Everyone,
        [Permission.ReadIdNumbers] = [.. VillageRoles, Role.TownOfficer, Role.DistrictOfficer, Role.Inspector],
        [Permission.RegisterHousehold] = [.. VillageRoles, Role.TownOfficer, Role.DistrictOfficer],
        [Permission.RecordHouseholdFacts] = [Role.VillageClerk, Role.WorkTeam, Role.TownOfficer, Role.DistrictOfficer],
        [Permission.VerifyIncome] = [Role.TownOfficer],
        [Permission.AssignResponsible] = [.. VillageRoles, Role.TownOfficer],
        [Permission.RecordAssistance] = [Role.WorkTeam, Role.VillageClerk, Role.TownOfficer, Role.DistrictOfficer, .. Departments],
        [Permission.ManageOrgUnits] = [Role.DistrictOfficer],
        [Permission.ManagePolicyLines] = [Role.DistrictOfficer],
        [Permission.FlagNotEnjoyingPolicy] = [Role.TownOfficer],
        [Permission.ReadAudit] = [Role.TownOfficer, Role.DistrictOfficer, Role.Inspector],
        [Permission.ReadSensitiveReads] = [Role.Inspector],
        [Permission.RaiseProblem] = [Role.Inspector, Role.TownOfficer, Role.DistrictOfficer, .. Departments],
        [Permission.ResolveProblem] = [Role.VillageClerk, Role.WorkTeam, Role.TownOfficer, Role.DistrictOfficer],
        [Permission.RunDataQuality] = [Role.TownOfficer, Role.DistrictOfficer],
        [Permission.ProposeSubmission] = [Role.VillageClerk, Role.VillageHead, Role.FirstSecretary],
        [Permission.AnchorHistory] = [Role.Inspector, Role.DistrictOfficer],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet());

    /// <summary>Each guarantee is certified by exactly one department (work plan, section 2.1.3).</summary>
    public static readonly FrozenDictionary<GuaranteeKind, Role> GuaranteeCertifier = new Dictionary<GuaranteeKind, Role>
    {
        [GuaranteeKind.FoodClothing] = Role.TownOfficer,
        [GuaranteeKind.Education] = Role.EducationDept,
        [GuaranteeKind.Medical] = Role.MedicalDept,
        [GuaranteeKind.Housing] = Role.HousingDept,
        [GuaranteeKind.Water] = Role.WaterDept,
    }.ToFrozenDictionary();

    public static bool Allows(Role role, Permission permission) => Table[permission].Contains(role);

    /// <summary>Village roles act for a village, the town office for a town, district roles for a district; inspectors for a town or a district.</summary>
    public static bool FitsUnit(Role role, Org.OrgKind kind) => role switch
    {
        Role.VillageClerk or Role.VillageHead or Role.FirstSecretary or Role.WorkTeam => kind == Org.OrgKind.Village,
        Role.TownOfficer => kind == Org.OrgKind.Town,
        Role.Inspector => kind is Org.OrgKind.Town or Org.OrgKind.District,
        _ => kind == Org.OrgKind.District,
    };

    /// <summary>The role named exactly as the token must spell it: no numbers, no lists, no other case.</summary>
    public static Role? Parse(string? name) =>
        name is not null && Enum.GetNames<Role>().Contains(name, StringComparer.Ordinal) ? Enum.Parse<Role>(name) : null;

    public static IReadOnlyCollection<Role> RolesAt(Procedures.StepLevel level) => level switch
    {
        Procedures.StepLevel.Village => VillageRoles,
        Procedures.StepLevel.Town => [Role.TownOfficer],
        _ => [Role.DistrictOfficer],
    };
}
