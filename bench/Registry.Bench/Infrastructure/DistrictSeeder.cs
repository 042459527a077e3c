using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.Policy;
using Registry.Domain.Procedures;
using Registry.Projections.Households;

namespace Registry.Bench.Infrastructure;

/// <summary>
/// Households of a district's villages written straight through Marten, a village's households together, each decided by the
/// domain and stamped like an API write: poor, exited and unregistered ones, some with risks, an unresolved guarantee or a
/// member who married in, so the statistics have something to count in every part; one in twenty monitored after a low
/// income and the whole monitoring procedure, one in ten with an identification procedure open, so the monitoring view
/// and the procedure queue have rows of their own.
/// </summary>
public sealed class DistrictSeeder(IDocumentStore store, IReadOnlyList<string> villages, int households, IdNumbers ids)
{
    public const int HouseholdsPerTransaction = 500;

    public async Task Seed(int workers)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, HouseholdsPerTransaction) - HouseholdsPerTransaction + 1;
                if (first >= households) return;
                await WriteBatch(first, Math.Min(HouseholdsPerTransaction, households - first));
            }
        })));
    }

    public string VillageOf(int n) => villages[(int)((long)n * villages.Count / households)];

    private async Task WriteBatch(int first, int count)
    {
        await using var session = store.LightweightSession();
        var correlation = Guid.NewGuid().ToString("N");
        session.CorrelationId = correlation;
        session.LastModifiedBy = "bench-seed";
        var now = DateTimeOffset.UtcNow;
        for (var n = first; n < first + count; n++)
        {
            var village = VillageOf(n);
            var id = Guid.CreateVersion7();
            var events = History(n, id, village, now);
            EventChain.Stamp(session, session.Events.StartStream<HouseholdDetails>(id, events), head: null, new Actor("bench-seed", "基准录入", Role.DistrictOfficer, village), "年度信息采集",
                correlation);
        }
        await session.SaveChangesAsync();
    }

    private object[] History(int n, Guid id, string village, DateTimeOffset now)
    {
        var status = (n % 10) switch { < 6 => HouseholdStatus.Poor, < 9 => HouseholdStatus.Exited, _ => HouseholdStatus.Unregistered };
        var members = new List<RegisteredMember>
        {
            new(Guid.CreateVersion7(), new MemberFacts("王大山", ids.Next(male: true), Relation.Head)),
            new(Guid.CreateVersion7(), new MemberFacts("李二妹", ids.Next(male: false), Relation.Spouse)),
            new(Guid.CreateVersion7(), new MemberFacts("王小明", ids.Next(male: true), Relation.Son)),
        };
        var events = new List<object>(RegisterHouseholdDecision.Decide(new RegisterHousehold(id, village, "一组", null, status,
            status == HouseholdStatus.Unregistered ? null : 2016, status == HouseholdStatus.Exited ? 2019 : null, new DateOnly(2019, 12, 1), members,
            Role.DistrictOfficer), now, new HashSet<string>()));
        var state = Household.Create((HouseholdRegistered)events[0]);
        void Then(object[] next)
        {
            foreach (var e in next) state = Household.Evolve(state, e)!;
            events.AddRange(next);
        }
        Years(Then, () => state, status, now);
        if (n % 7 == 0) Then(RecordRisksDecision.Decide(new RecordRisks([Enum.GetValues<RiskType>()[n % 9]], "入户排查", null), state, now));
        if (n % 20 == 0)
            Then(CertifyGuaranteeDecision.Decide(new CertifyGuarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved, null, null), state, Role.HousingDept, now));
        if (n % 25 == 0)
            Then(AddMemberDecision.Decide(new AddMember(Guid.CreateVersion7(), new MemberFacts("赵小芳", ids.Next(male: false), Relation.DaughterInLaw),
                IncreaseReason.MarriageIn, new DateOnly(2020, 6, 1)), state, now, new HashSet<string>()));
        if (n % 20 == 8) Monitor(Then, () => state, now);
        if (n % 10 == 9)
        {
            var identification = Guid.CreateVersion7();
            var applied = new DateOnly(2020, 10, 1 + n % 28);
            Then(StartProcedureDecision.Decide(new StartProcedure(identification, ProcedureKind.Identification, applied), state, now, ProcedureCatalog.Default,
                Lines));
            Then(RecordStepDecision.Decide(new RecordStep(identification, "Application", StepOutcome.Passed, applied, null, null), state, Role.VillageClerk,
                now, ProcedureCatalog.Default, Lines));
        }
        return [.. events];
    }

    private static PolicyLine? Lines(int year) => new(year, 4000m, 6000m);

    /// <summary>
    /// The years a household has been on the registry leave their trace: an income assessed for each of 2017 to 2019 (the
    /// year's own, 2020, is left to the campaign, as the cleaning run expects), three visits and two measures of assistance
    /// in 2020. Eight events a household, so the district holds about ten a household, as after a few years' work.
    /// </summary>
    private static void Years(Action<object[]> then, Func<Household> state, HouseholdStatus status, DateTimeOffset now)
    {
        var wage = status switch { HouseholdStatus.Poor => 10_500m, HouseholdStatus.Exited => 24_000m, _ => 36_000m };
        for (var year = 2017; year <= 2019; year++)
            then(AssessIncomeDecision.Decide(new AssessIncome(year, wage, 0, 0, 1_200m, 0, new DateOnly(2020, 1, 10)), state(), now));
        foreach (var month in new[] { 3, 6, 9 })
            then(RecordVisitDecision.Decide(new RecordVisit(new DateOnly(2020, month, 15), "入户走访", null), state(), now));
        then(RecordAssistanceDecision.Decide(new RecordAssistance(Guid.CreateVersion7(), AssistanceCategory.Industry, "种养殖补助", new DateOnly(2020, 4, 1),
            1_500m, "驻村工作队"), state(), now));
        then(RecordAssistanceDecision.Decide(new RecordAssistance(Guid.CreateVersion7(), AssistanceCategory.Health, "医疗救助", new DateOnly(2020, 7, 1),
            800m, "镇卫生院"), state(), now));
    }

    /// <summary>An exited household with a low income and a risk, through the monitoring procedure to the district's approval.</summary>
    private static void Monitor(Action<object[]> then, Func<Household> state, DateTimeOffset now)
    {
        then(AssessIncomeDecision.Decide(new AssessIncome(2020, 9000m, 0, 0, 0, 0, new DateOnly(2020, 9, 1)), state(), now));
        then(RecordRisksDecision.Decide(new RecordRisks([RiskType.MajorIllness], "入户排查", null), state(), now));
        var monitoring = Guid.CreateVersion7();
        then(StartProcedureDecision.Decide(new StartProcedure(monitoring, ProcedureKind.Monitoring, new DateOnly(2020, 10, 1)), state(), now,
            ProcedureCatalog.Default, Lines));
        foreach (var (step, role, day) in new[]
                 {
                     ("Report", Role.VillageClerk, 2), ("InformationCollection", Role.VillageClerk, 3), ("TownReview", Role.TownOfficer, 5),
                     ("DistrictScreening", Role.DistrictOfficer, 8), ("DistrictApproval", Role.DistrictOfficer, 10),
                 })
            then(RecordStepDecision.Decide(new RecordStep(monitoring, step, StepOutcome.Passed, new DateOnly(2020, 10, day), null, null), state(), role, now,
                ProcedureCatalog.Default, Lines));
    }
}
