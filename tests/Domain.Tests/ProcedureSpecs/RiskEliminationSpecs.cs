namespace Registry.Domain.Tests.ProcedureSpecs;

public class RiskEliminationSpecs
{
    private static Household MonitoredAndAssisted(decimal perCapita = 6500m) =>
        Given(A.Registered(HouseholdStatus.Exited), A.Risks(RiskType.MajorIllness), A.Monitored(), A.Assistance(), A.Income(perCapita, on: D(2020, 9, 30)));

    private static Outcome WhenStarting(Household state) =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.RiskElimination, null), state, Now, Catalog, Lines));

    [Fact]
    public void The_four_steps_run_in_order()
    {
        var run = Run.Start(MonitoredAndAssisted(), ProcedureKind.RiskElimination);

        run.PassAll();

        run.Events.OfType<ProcedureStepRecorded>().Select(s => s.Step).ShouldBe(["Assessment", "VillageReview", "TownReview", "DistrictApproval"]);
    }

    [Fact]
    public void The_approval_eliminates_the_risk()
    {
        var run = Run.Start(MonitoredAndAssisted(), ProcedureKind.RiskElimination).PassUntil("DistrictApproval");

        run.Step(on: D(2020, 10, 12)).Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.RiskElimination, 1, "DistrictApproval", StepOutcome.Passed, D(2020, 10, 12), null, null),
            new RiskEliminated(A.ProcedureId, 1, 2020, 6000m, 6500m, 1, D(2020, 10, 12)),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.RiskElimination, ProcedureClosure.Completed, D(2020, 10, 12)));
    }

    [Fact]
    public void An_eliminated_risk_stays_on_record_with_its_date()
    {
        var run = Run.Start(MonitoredAndAssisted(), ProcedureKind.RiskElimination);

        run.PassAll();

        run.State.Monitoring.ShouldSatisfyAllConditions(
            m => m.Kind.ShouldBe(MonitoringKind.UnstableExited),
            m => m.Eliminated.ShouldBeTrue(),
            m => m.EliminatedOn.ShouldBe(run.LastDateOfLastStep()),
            m => m.LastAssessedOn.ShouldBe(run.LastDateOfLastStep()),
            m => m.Risks.ShouldBe([RiskType.MajorIllness]));
    }

    [Fact]
    public void The_assistance_count_is_recorded()
    {
        var twice = MonitoredAndAssisted().And(A.Assistance() with { AssistanceId = Guid.NewGuid(), Category = AssistanceCategory.Employment });

        Run.Start(twice, ProcedureKind.RiskElimination).PassAll().OfType<RiskEliminated>().ShouldHaveSingleItem().AssistanceCount.ShouldBe(2);
    }

    [Fact]
    public void A_household_not_monitored_has_no_risk_to_eliminate() =>
        WhenStarting(Given(A.Registered(HouseholdStatus.Exited), A.Assistance(), A.Income(6500))).ThenRefused("procedure.not-applicable");

    [Fact]
    public void A_risk_eliminated_already_is_not_eliminated_again()
    {
        var eliminated = MonitoredAndAssisted().And(new RiskEliminated(Guid.NewGuid(), 1, 2020, 6000m, 6500m, 1, D(2020, 10, 1)));

        WhenStarting(eliminated).ThenRefused("procedure.not-applicable");
    }

    [Fact]
    public void The_approval_needs_an_assistance_measure()
    {
        var unassisted = Given(A.Registered(HouseholdStatus.Exited), A.Risks(RiskType.MajorIllness), A.Monitored(), A.Income(6500));

        Run.Start(unassisted, ProcedureKind.RiskElimination).PassUntil("DistrictApproval").Step().ThenRefused("risk-elimination.no-assistance");
    }

    [Fact]
    public void Income_under_the_monitoring_line_refuses_the_approval() =>
        Run.Start(MonitoredAndAssisted(5999.99m), ProcedureKind.RiskElimination).PassUntil("DistrictApproval").Step()
            .ThenRefused("risk-elimination.income-below-line");

    [Fact]
    public void Income_exactly_at_the_monitoring_line_eliminates_the_risk() =>
        Run.Start(MonitoredAndAssisted(6000m), ProcedureKind.RiskElimination).PassAll().OfType<RiskEliminated>().ShouldHaveSingleItem();

    [Fact]
    public void The_approval_needs_an_income_assessment_of_the_year()
    {
        var lastYear = Given(A.Registered(HouseholdStatus.Exited), A.Risks(RiskType.MajorIllness), A.Monitored(), A.Assistance(), A.Income(9000, 2019));

        Run.Start(lastYear, ProcedureKind.RiskElimination).PassUntil("DistrictApproval").Step().ThenRefused("risk-elimination.income-missing");
    }

    [Fact]
    public void Without_the_years_policy_line_the_approval_is_refused() =>
        Run.Start(MonitoredAndAssisted(), ProcedureKind.RiskElimination, lines: NoLines).PassUntil("DistrictApproval").Step()
            .ThenRefused("policy.line-missing");

    [Fact]
    public void New_risks_reopen_an_eliminated_monitoring()
    {
        var eliminated = MonitoredAndAssisted().And(new RiskEliminated(Guid.NewGuid(), 1, 2020, 6000m, 6500m, 1, D(2020, 10, 1)));

        var reopened = eliminated.And(new RisksRecorded([RiskType.Disaster], D(2020, 10, 5)));

        reopened.Monitoring.Eliminated.ShouldBeFalse();
        WhenStarting(reopened).ThenSingle<ProcedureStarted>();
    }
}
