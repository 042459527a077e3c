namespace Registry.Domain.Tests.ProcedureSpecs;

public class MonitoringSpecs
{
    private static readonly Household ExitedAtRisk =
        Given(A.Registered(HouseholdStatus.Exited), A.Income(5000), A.Risks(RiskType.MajorIllness, RiskType.Epidemic));

    private static readonly Household UnregisteredAtRisk =
        Given(A.Registered(), A.Income(5000), A.Risks(RiskType.Disaster));

    private static Outcome WhenStarting(Household state) =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Monitoring, null), state, Now, Catalog, Lines));

    [Fact]
    public void The_five_steps_run_in_order()
    {
        var run = Run.Start(ExitedAtRisk, ProcedureKind.Monitoring);

        run.PassAll();

        run.Events.OfType<ProcedureStepRecorded>().Select(s => s.Step)
            .ShouldBe(["Report", "InformationCollection", "TownReview", "DistrictScreening", "DistrictApproval"]);
    }

    [Fact]
    public void The_approval_monitors_an_exited_household_as_unstable()
    {
        var run = Run.Start(ExitedAtRisk, ProcedureKind.Monitoring).PassUntil("DistrictApproval");

        run.Step(on: D(2020, 10, 9)).Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Monitoring, 1, "DistrictApproval", StepOutcome.Passed, D(2020, 10, 9), null, null),
            new MonitoringIdentified(A.ProcedureId, MonitoringKind.UnstableExited, [RiskType.MajorIllness, RiskType.Epidemic], 1, 2020, 6000m, 5000m, D(2020, 10, 9)),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.Monitoring, ProcedureClosure.Completed, D(2020, 10, 9)));
    }

    [Fact]
    public void The_approval_monitors_an_unregistered_household_as_marginal()
    {
        var run = Run.Start(UnregisteredAtRisk, ProcedureKind.Monitoring);

        run.PassAll().OfType<MonitoringIdentified>().ShouldHaveSingleItem().Kind.ShouldBe(MonitoringKind.Marginal);

        run.State.Monitoring.ShouldSatisfyAllConditions(
            m => m.Kind.ShouldBe(MonitoringKind.Marginal),
            m => m.Risks.ShouldBe([RiskType.Disaster]),
            m => m.Eliminated.ShouldBeFalse(),
            m => m.IdentifiedOn.ShouldBe(run.LastDateOfLastStep()));
        run.State.Status.ShouldBe(HouseholdStatus.Unregistered);
    }

    [Fact]
    public void A_poor_household_is_not_identified_for_monitoring() =>
        WhenStarting(Given(A.Registered(HouseholdStatus.Poor), A.Income(3000), A.Risks(RiskType.Disaster))).ThenRefused("procedure.not-applicable");

    [Fact]
    public void A_household_already_monitored_is_not_identified_again() =>
        WhenStarting(ExitedAtRisk.And(A.Monitored())).ThenRefused("procedure.not-applicable");

    [Fact]
    public void A_household_whose_risk_was_eliminated_can_be_identified_again() =>
        WhenStarting(ExitedAtRisk.And(A.Monitored(), new RiskEliminated(Guid.NewGuid(), 1, 2020, 6000m, 6100m, 1, D(2020, 10, 1))))
            .ThenSingle<ProcedureStarted>();

    [Fact]
    public void Risks_are_not_needed_to_start() =>
        WhenStarting(Given(A.Registered(HouseholdStatus.Exited))).ThenSingle<ProcedureStarted>();

    [Fact]
    public void The_approval_needs_a_recorded_risk()
    {
        var run = Run.Start(Given(A.Registered(HouseholdStatus.Exited), A.Income(5000)), ProcedureKind.Monitoring).PassUntil("DistrictApproval");

        run.Step().ThenRefused("monitoring.no-risk");
    }

    [Theory]
    [InlineData(6000)]
    [InlineData(8000)]
    public void Income_at_or_above_the_monitoring_line_refuses_the_approval(decimal perCapita)
    {
        var run = Run.Start(Given(A.Registered(HouseholdStatus.Exited), A.Income(perCapita), A.Risks(RiskType.Disaster)), ProcedureKind.Monitoring)
            .PassUntil("DistrictApproval");

        run.Step().ThenRefused("monitoring.income-above-line");
    }

    [Fact]
    public void Income_just_under_the_monitoring_line_is_monitored() =>
        Run.Start(Given(A.Registered(HouseholdStatus.Exited), A.Income(5999.99m), A.Risks(RiskType.Disaster)), ProcedureKind.Monitoring)
            .PassAll().OfType<MonitoringIdentified>().ShouldHaveSingleItem().PerCapita.ShouldBe(5999.99m);

    [Fact]
    public void The_approval_needs_an_income_assessment_of_the_year() =>
        Run.Start(Given(A.Registered(HouseholdStatus.Exited), A.Income(5000, 2019), A.Risks(RiskType.Disaster)), ProcedureKind.Monitoring)
            .PassUntil("DistrictApproval").Step().ThenRefused("monitoring.income-missing");

    [Fact]
    public void Without_the_years_policy_line_the_approval_is_refused() =>
        Run.Start(ExitedAtRisk, ProcedureKind.Monitoring, lines: NoLines).PassUntil("DistrictApproval").Step().ThenRefused("policy.line-missing");

    [Fact]
    public void The_approval_checks_again_that_the_household_is_not_monitored_yet()
    {
        var run = Run.Start(ExitedAtRisk, ProcedureKind.Monitoring).PassUntil("DistrictApproval").Meanwhile(A.Monitored());

        run.Step().ThenRefused("procedure.not-applicable");
    }

    [Fact]
    public void A_rejected_approval_monitors_nobody()
    {
        var run = Run.Start(ExitedAtRisk, ProcedureKind.Monitoring).PassUntil("DistrictApproval");

        run.Fold(run.Step(outcome: StepOutcome.Rejected).ThenTypes(typeof(ProcedureStepRecorded), typeof(ProcedureClosed)));

        run.State.Monitoring.Kind.ShouldBe(MonitoringKind.None);
    }
}
