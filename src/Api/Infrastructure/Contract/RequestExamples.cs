using Registry.Api.Auth;
using Registry.Api.Households;
using Registry.Api.Procedures;
using Registry.Api.Quality;
using Registry.Api.Reference;
using Registry.Api.Submissions;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.Org;
using Registry.Domain.People;
using Registry.Domain.Procedures;
using Registry.Domain.Quality;
using Registry.Domain.Submissions;

namespace Registry.Api.Infrastructure.Contract;

/// <summary>
/// One example body per request type, written as the request records themselves so an example cannot name a field
/// the route does not read. The data is generated, in the shape a village office would send.
/// </summary>
public static class RequestExamples
{
    private static readonly Guid Household = Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e11");
    private static readonly Guid Head = Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e12");
    private static readonly Guid Spouse = Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e13");
    private static readonly Guid Son = Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e14");
    private static readonly Guid Other = Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e21");
    private static readonly Guid Problem = Guid.Parse("0197a3c2-5e10-7d4a-9b1e-3f2a6c8d0e31");
    private const string Village = "500101120001";

    public static IReadOnlyDictionary<Type, object> ByType { get; } = new Dictionary<Type, object>
    {
        [typeof(DevTokenRequest)] = new DevTokenRequest("c-longju-01", "龙驹镇村文书", Role.VillageClerk, Village),
        [typeof(CreateOrgUnitRequest)] = new CreateOrgUnitRequest(Village, "长岭村", OrgKind.Village, "500101120000", true),
        [typeof(SetPolicyLineRequest)] = new SetPolicyLineRequest(4000m, 6000m, "区扶贫办2020年度标准"),
        [typeof(RegisterHouseholdRequest)] = new RegisterHouseholdRequest(null, Village, "三组", "长岭村三组12号", HouseholdStatus.Unregistered, null, null,
            new DateOnly(2020, 3, 10),
            [
                new MemberInput
                {
                    Name = "王大山", IdNumber = "500101197001010019", Relation = Relation.Head, Phone = "13800138000", SchoolStatus = SchoolStatus.NotInSchool,
                    Health = Health.ChronicIllness, Disability = Disability.None, LaborCapacity = LaborCapacity.Ordinary, WorkStatus = WorkStatus.LocalFarming,
                    Sex = Sex.Male, BirthDate = new DateOnly(1970, 1, 1), MedicalInsurance = true, PensionInsurance = true,
                },
                new MemberInput { Name = "李二妹", IdNumber = "500101197203050027", Relation = Relation.Spouse, Sex = Sex.Female, BirthDate = new DateOnly(1972, 3, 5) },
            ]),
        [typeof(ChangeMemberRequest)] = new ChangeMemberRequest
        {
            Phone = "13900139000", Health = Health.MajorIllness, EffectiveDate = new DateOnly(2020, 5, 6), Reason = "住院确诊，更新健康状况",
        },
        [typeof(AddMemberRequest)] = new AddMemberRequest(new MemberInput
        {
            Name = "王小禾", IdNumber = "500101202004200012", Relation = Relation.Son, Sex = Sex.Male, BirthDate = new DateOnly(2020, 4, 20),
        }, IncreaseReason.Birth, new DateOnly(2020, 4, 20)),
        [typeof(RemoveMemberRequest)] = new RemoveMemberRequest(DecreaseReason.Death, new DateOnly(2020, 6, 1), "6月1日病故"),
        [typeof(ChangeHeadRequest)] = new ChangeHeadRequest(Spouse, new Dictionary<Guid, Relation> { [Son] = Relation.Son }, "原户主病故，配偶任户主",
            new DateOnly(2020, 6, 2)),
        [typeof(SplitHouseholdRequest)] = new SplitHouseholdRequest([Son], Son, new Dictionary<Guid, Relation> { [Son] = Relation.Head },
            "儿子婚后分户", new DateOnly(2020, 7, 1)),
        [typeof(MergeHouseholdRequest)] = new MergeHouseholdRequest(Other, new Dictionary<Guid, Relation> { [Other] = Relation.Father },
            "老人并入子女户", new DateOnly(2020, 7, 1)),
        [typeof(AssessIncomeRequest)] = new AssessIncomeRequest(2020, 9800m, 3000m, 0m, 2400m, 1200m, new DateOnly(2020, 11, 20), 300m),
        [typeof(VerifyIncomeRequest)] = new VerifyIncomeRequest("镇扶贫办入户核实，收入属实"),
        [typeof(RecordHouseholdFactsRequest)] = new RecordHouseholdFactsRequest([PovertyCause.Illness, PovertyCause.LackOfSkills], HousingSafety.Renovated,
            DrinkingWaterSafety.Safe, "入户信息采集", new DateOnly(2020, 4, 15)),
        [typeof(RecordRisksRequest)] = new RecordRisksRequest([RiskType.MajorIllness], "户主住院，医疗支出较大", new DateOnly(2020, 5, 8)),
        [typeof(RecordAssistanceRequest)] = new RecordAssistanceRequest(AssistanceCategory.Employment, "推荐到区内食品厂务工", new DateOnly(2020, 6, 15),
            1500m, "镇就业服务中心"),
        [typeof(RecordVisitRequest)] = new RecordVisitRequest(new DateOnly(2020, 6, 20), "遍访", "了解务工和医疗报销情况"),
        [typeof(CertifyGuaranteeRequest)] = new CertifyGuaranteeRequest(GuaranteeStatus.Resolved, "已参加城乡居民医保", new DateOnly(2020, 6, 20)),
        [typeof(AssignResponsibleRequest)] = new AssignResponsibleRequest("张明", "区农业农村委", "13700137000", new DateOnly(2020, 3, 1), "结对帮扶调整"),
        [typeof(FlagNotEnjoyingPolicyRequest)] = new FlagNotEnjoyingPolicyRequest("比对发现未享受医疗救助", new DateOnly(2020, 8, 3)),
        [typeof(ClearNotEnjoyingPolicyRequest)] = new ClearNotEnjoyingPolicyRequest("核实已享受，识别无误", new DateOnly(2020, 8, 10)),
        [typeof(StartProcedureRequest)] = new StartProcedureRequest(ProcedureKind.Identification, new DateOnly(2020, 9, 1)),
        [typeof(RecordStepRequest)] = new RecordStepRequest("GroupAppraisal", StepOutcome.Passed, new DateOnly(2020, 9, 8),
            new StepEvidence(Attendees: 36, VotesFor: 33, VotesAgainst: 1), "三组村民小组评议"),
        [typeof(CorrectHouseholdRequest)] = new CorrectHouseholdRequest(Problem,
            new CorrectionChanges(null, "长岭村三组12号", [new MemberCorrectionInput { MemberId = Spouse, BirthDate = new DateOnly(1972, 3, 5) }]), "普查发现出生日期与身份证号不符", "户口簿复印件"),
        [typeof(RaiseProblemRequest)] = new RaiseProblemRequest(Household, Spouse, ProblemSource.Census, null, "出生日期与身份证号不符"),
        [typeof(ResolveProblemRequest)] = new ResolveProblemRequest(ResolutionOutcome.Corrected, "已按户口簿修正"),
        [typeof(RunDataQualityRequest)] = new RunDataQualityRequest("500101120000", 2020),
        [typeof(ProposeSubmissionRequest)] = new ProposeSubmissionRequest(Village, 2020, ListKind.NewPoor, [Household]),
        [typeof(ReviewSubmissionRequest)] = new ReviewSubmissionRequest(ReviewOutcome.Approved, "镇审核通过"),
        [typeof(LookUpPersonRequest)] = new LookUpPersonRequest("500101197001010019"),
    };
}
