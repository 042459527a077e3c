namespace Registry.Domain.Tests.Specs;

/// <summary>Ready-made facts and events for the specs.</summary>
public static class A
{
    public const string Village = "500101001001";

    public static readonly Guid HouseholdId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid HeadId = Guid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Guid SpouseId = Guid.Parse("00000000-0000-0000-0000-000000000002");
    public static readonly Guid SonId = Guid.Parse("00000000-0000-0000-0000-000000000003");
    public static readonly Guid NewMemberId = Guid.Parse("00000000-0000-0000-0000-000000000009");
    public static readonly Guid ProcedureId = Guid.Parse("00000000-0000-0000-0000-0000000000f1");

    public static readonly string HeadIdNumber = Ids.Man(1, "19700101");
    public static readonly string SpouseIdNumber = Ids.Woman(2, "19720202");
    public static readonly string SonIdNumber = Ids.Man(3, "19980303");
    public static readonly string DaughterIdNumber = Ids.Woman(4, "20050505");
    public static readonly string StrangerIdNumber = Ids.Man(5, "19850505");

    public static readonly DateOnly RegisteredOn = new(2020, 1, 10);

    public static MemberFacts HeadFacts => new("张三", HeadIdNumber, Relation.Head, "13800138000");
    public static MemberFacts SpouseFacts => new("李四", SpouseIdNumber, Relation.Spouse);
    public static MemberFacts SonFacts => new("张小明", SonIdNumber, Relation.Son, SchoolStatus: SchoolStatus.Higher);
    public static MemberFacts DaughterFacts => new("张小红", DaughterIdNumber, Relation.Daughter, SchoolStatus: SchoolStatus.SeniorSecondary);

    public static RegisteredMember Head => new(HeadId, HeadFacts);
    public static RegisteredMember Spouse => new(SpouseId, SpouseFacts);
    public static RegisteredMember Son => new(SonId, SonFacts);

    /// <summary>A family of three (head, spouse, son) registered with the given status.</summary>
    public static HouseholdRegistered Registered(HouseholdStatus status = HouseholdStatus.Unregistered, int? identifiedYear = null, int? exitYear = null) =>
        new(HouseholdId, Village, "一组", "龙驹镇某村1号", status,
            identifiedYear ?? (status is HouseholdStatus.Poor or HouseholdStatus.Exited ? 2016 : null),
            exitYear ?? (status == HouseholdStatus.Exited ? 2019 : null),
            RegisteredOn, [Head, Spouse, Son]);

    /// <summary>A one-person household.</summary>
    public static HouseholdRegistered RegisteredAlone(HouseholdStatus status = HouseholdStatus.Unregistered) =>
        new(HouseholdId, Village, null, null, status, null, null, RegisteredOn, [Head]);

    public static RegisterHousehold Register(HouseholdStatus status = HouseholdStatus.Unregistered, int? identifiedYear = null, int? exitYear = null,
        params RegisteredMember[] members) =>
        new(HouseholdId, Village, "一组", "龙驹镇某村1号", status, identifiedYear, exitYear, RegisteredOn,
            members.Length == 0 ? [Head, Spouse, Son] : members,
            status == HouseholdStatus.Unregistered ? Role.VillageClerk : Role.DistrictOfficer);

    /// <summary>An income assessment of a household of three with the given per-capita income.</summary>
    public static IncomeAssessed Income(decimal perCapita, int year = 2020, DateOnly? on = null, int size = 3) =>
        new(year, perCapita * size, 0, 0, 0, 0, perCapita * size, size, perCapita, on ?? new DateOnly(year, 9, 30));

    /// <summary>The town's verification of the assessment <see cref="Income"/> makes by default.</summary>
    public static IncomeVerified IncomeVerified(int year = 2020) => new(year, new DateOnly(year, 9, 30), "入户核实", new DateOnly(year, 10, 1));

    public static GuaranteeCertified Guarantee(GuaranteeKind kind, GuaranteeStatus status = GuaranteeStatus.Resolved) =>
        new(kind, status, null, new DateOnly(2020, 9, 20));

    public static object[] AllGuaranteesResolved() =>
        Enum.GetValues<GuaranteeKind>().Select(k => (object)Guarantee(k)).ToArray();

    public static RisksRecorded Risks(params RiskType[] risks) => new(risks, new DateOnly(2020, 9, 25));

    public static AssistanceRecorded Assistance(decimal? amount = 2000m) =>
        new(Guid.Parse("00000000-0000-0000-0000-0000000000c1"), AssistanceCategory.Industry, "养殖补助", new DateOnly(2020, 9, 26), amount, "王帮扶");

    public static MonitoringIdentified Monitored(MonitoringKind kind = MonitoringKind.UnstableExited, params RiskType[] risks) =>
        new(Guid.Parse("00000000-0000-0000-0000-0000000000f9"), kind, risks.Length == 0 ? [RiskType.MajorIllness] : risks, 1, 2020, 6000m, 5000m, new DateOnly(2020, 9, 28));

    public static NotEnjoyingPolicyFlagged Flagged => new(new DateOnly(2020, 9, 29));
}
