using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Policy;
using Registry.Domain.Procedures;

namespace Registry.Demo;

/// <summary>What has happened to a household during the demo year; most stories end in a procedure left at some stage.</summary>
public enum DemoStory
{
    PoorNotStarted,
    Exiting,
    ExitedStable,
    ExitedMonitored,
    Marginal,
    RiskEliminating,
    Unregistered,
    Identifying,
    Returning,
    Removing,
}

/// <summary>Turns a story into a registration and the dated commands that follow it, all within the policy line's year.</summary>
public sealed class DemoStories(Random random, PolicyLine line, DemoFamilies families, DemoProcedures procedures)
{
    public static readonly IReadOnlyDictionary<DemoStory, int> Weights = new Dictionary<DemoStory, int>
    {
        [DemoStory.PoorNotStarted] = 12, [DemoStory.Exiting] = 20, [DemoStory.ExitedStable] = 22, [DemoStory.ExitedMonitored] = 7,
        [DemoStory.Marginal] = 6, [DemoStory.RiskEliminating] = 6, [DemoStory.Unregistered] = 12, [DemoStory.Identifying] = 7,
        [DemoStory.Returning] = 3, [DemoStory.Removing] = 5,
    };

    private readonly DemoIncomes _incomes = new(random, line);
    private readonly DemoRisks _risks = new(random);
    private readonly DemoAssistance _assistance = new(random);
    private int Year => line.Year;

    public static ProcedureKind? KindOf(DemoStory story) => story switch
    {
        DemoStory.Exiting => ProcedureKind.Exit,
        DemoStory.ExitedMonitored or DemoStory.Marginal => ProcedureKind.Monitoring,
        DemoStory.RiskEliminating => ProcedureKind.RiskElimination,
        DemoStory.Identifying or DemoStory.Returning => ProcedureKind.Identification,
        DemoStory.Removing => ProcedureKind.Removal,
        _ => null,
    };

    public DemoHousehold Tell(Guid id, DemoVillage village, DemoStory story, DemoStage? stage)
    {
        var members = families.Build(families.NextShape());
        var (status, identified, exited) = Standing(story);
        var group = DemoNames.Pick(random, DemoNames.GroupNames);
        var registration = new RegisterHousehold(id, village.Code, group, $"{village.Name}{group}{random.Next(1, 61)}号", status, identified, exited,
            random.DaysAfter(new DateOnly(Year - 1, 10, 1), 0, 80), members,
            status == HouseholdStatus.Unregistered ? Role.VillageClerk : Role.DistrictOfficer);
        var actions = new List<DemoAction>();
        var stageOrAny = stage ?? (KindOf(story) is { } kind ? DemoStage.Any(ProcedureCatalog.Default.Latest(kind), random) : null);
        Continue(actions, story, members, stageOrAny);
        return new DemoHousehold(registration, actions);
    }

    private (HouseholdStatus, int?, int?) Standing(DemoStory story)
    {
        var first = RegistryCalendar.FirstYear;
        switch (story)
        {
            case DemoStory.PoorNotStarted or DemoStory.Exiting:
                return (HouseholdStatus.Poor, random.Next(first, Year - 1), null);
            case DemoStory.ExitedStable or DemoStory.ExitedMonitored or DemoStory.Returning or DemoStory.Removing:
            case DemoStory.RiskEliminating when random.Chance(0.5):
                var identified = random.Next(first, Math.Max(first + 1, Year - 1));
                return (HouseholdStatus.Exited, identified, random.Next(identified + 1, Math.Max(identified + 2, Year)));
            default:
                return (HouseholdStatus.Unregistered, null, null);
        }
    }

    private void Continue(List<DemoAction> actions, DemoStory story, IReadOnlyList<RegisteredMember> members, DemoStage? stage)
    {
        var spring = new DateOnly(Year, 3, 1);
        switch (story)
        {
            case DemoStory.PoorNotStarted:
                Facts(actions, _incomes.Assess(IncomeBand.BelowPovertyLine, members, random.DaysAfter(spring, 0, 60)));
                Support(actions, _assistance.Any(random.DaysAfter(spring, 0, 90)));
                Guarantees(actions, random.DaysAfter(new DateOnly(Year, 6, 1), 0, 40), unresolved: random.Next(1, 3));
                break;
            case DemoStory.Exiting:
                Facts(actions, _incomes.Assess(IncomeBand.AbovePovertyLine, members, random.DaysAfter(spring, 0, 60)));
                actions.Add(new DemoAction(Role.TownOfficer, new VerifyIncome(Year, "镇乡政府入户核实收入")));
                Support(actions, _assistance.Any(random.DaysAfter(spring, 0, 90)));
                Guarantees(actions, random.DaysAfter(new DateOnly(Year, 6, 1), 0, 40), unresolved: 0);
                procedures.Run(actions, ProcedureKind.Exit, stage!, random.DaysAfter(new DateOnly(Year, 8, 1), 0, 40));
                break;
            case DemoStory.ExitedStable:
                Facts(actions, _incomes.Assess(IncomeBand.AboveMonitoringLine, members, random.DaysAfter(spring, 0, 90)));
                if (random.Chance(0.5)) Guarantees(actions, random.DaysAfter(new DateOnly(Year, 6, 1), 0, 60), unresolved: 0);
                break;
            case DemoStory.ExitedMonitored or DemoStory.Marginal:
                var risks = Monitor(actions, members, stage!, random.DaysAfter(new DateOnly(Year, 3, 15), 0, 40));
                if (stage!.IsCompleted(ProcedureCatalog.Default.Latest(ProcedureKind.Monitoring)) && random.Chance(0.5))
                    Support(actions, _assistance.Measure(DemoRisks.Answer(risks.Risks[0]), random.DaysAfter(new DateOnly(Year, 7, 10), 0, 30)));
                break;
            case DemoStory.RiskEliminating:
                var monitored = Monitor(actions, members, new DemoStage(ProcedureCatalog.Default.Latest(ProcedureKind.Monitoring).Steps.Count, false),
                    random.DaysAfter(new DateOnly(Year, 3, 1), 0, 20));
                Support(actions, _assistance.Measure(DemoRisks.Answer(monitored.Risks[0]), random.DaysAfter(new DateOnly(Year, 7, 5), 0, 20)));
                Facts(actions, _incomes.Assess(IncomeBand.AboveMonitoringLine, members, random.DaysAfter(new DateOnly(Year, 8, 1), 0, 25)));
                procedures.Run(actions, ProcedureKind.RiskElimination, stage!, random.DaysAfter(new DateOnly(Year, 9, 1), 0, 20));
                break;
            case DemoStory.Unregistered:
                if (random.Chance(0.6)) Facts(actions, _incomes.Assess(IncomeBand.AboveMonitoringLine, members, random.DaysAfter(spring, 0, 90)));
                break;
            case DemoStory.Identifying or DemoStory.Returning:
                if (story == DemoStory.Returning) Facts(actions, _risks.Record(members, random.DaysAfter(spring, 0, 30)));
                Facts(actions, _incomes.Assess(IncomeBand.BelowPovertyLine, members, random.DaysAfter(new DateOnly(Year, 4, 1), 0, 25)));
                procedures.Run(actions, ProcedureKind.Identification, stage!, random.DaysAfter(new DateOnly(Year, 5, 1), 0, 30));
                break;
            case DemoStory.Removing:
                Facts(actions, _incomes.Assess(IncomeBand.AboveMonitoringLine, members, random.DaysAfter(spring, 0, 30)));
                actions.Add(new DemoAction(Role.TownOfficer, new FlagNotEnjoyingPolicy("核查发现家庭经济条件明显好于一般农户，不符合建档立卡标准",
                    random.DaysAfter(new DateOnly(Year, 4, 1), 0, 25))));
                procedures.Run(actions, ProcedureKind.Removal, stage!, random.DaysAfter(new DateOnly(Year, 5, 1), 0, 20));
                break;
        }
    }

    /// <summary>Risks found, an income under the monitoring line, and a monitoring procedure up to the stage.</summary>
    private RecordRisks Monitor(List<DemoAction> actions, IReadOnlyList<RegisteredMember> members, DemoStage stage, DateOnly from)
    {
        var risks = _risks.Record(members, from);
        Facts(actions, risks);
        Facts(actions, _incomes.Assess(IncomeBand.BetweenLines, members, random.DaysAfter(from, 1, 10)));
        procedures.Run(actions, ProcedureKind.Monitoring, stage, random.DaysAfter(from, 20, 35));
        return risks;
    }

    private static void Facts(List<DemoAction> actions, object command) => actions.Add(new DemoAction(Role.VillageClerk, command));

    private static void Support(List<DemoAction> actions, RecordAssistance measure) => actions.Add(new DemoAction(Role.WorkTeam, measure));

    /// <summary>Each of the five guarantees certified by its own department; the first <paramref name="unresolved"/> left unresolved.</summary>
    private void Guarantees(List<DemoAction> actions, DateOnly on, int unresolved)
    {
        var open = Enum.GetValues<GuaranteeKind>().OrderBy(_ => random.Next()).Take(unresolved).ToHashSet();
        foreach (var (kind, certifier) in AccessPolicy.GuaranteeCertifier.OrderBy(c => c.Key))
            actions.Add(new DemoAction(certifier, new CertifyGuarantee(kind, open.Contains(kind) ? GuaranteeStatus.Unresolved : GuaranteeStatus.Resolved,
                open.Contains(kind) ? "入户核实尚未达标，已列入整改" : null, random.DaysAfter(on, 0, 10))));
    }
}
