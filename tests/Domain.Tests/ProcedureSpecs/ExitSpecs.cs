namespace Registry.Domain.Tests.ProcedureSpecs;

public class ExitSpecs
{
    private static Household Poor(decimal perCapita = 4500m, params object[] more) =>
        Given([A.Registered(HouseholdStatus.Poor, 2016), new HouseholdIdentifiedAsPoor(Guid.NewGuid(), 2016, false, 1, 2016, 3000m, 2000m, D(2016, 6, 1)),
            A.Income(perCapita), A.IncomeVerified(), .. A.AllGuaranteesResolved(), .. more]);

    private static readonly string[] Steps = ["Nomination", "DemocraticAppraisal", "VillagePublicity", "TownReview", "DistrictDetermination", "DistrictAnnouncement"];

    [Fact]
    public void The_six_steps_run_in_order()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit);

        run.PassAll();

        run.Events.OfType<ProcedureStepRecorded>().Select(s => s.Step).ShouldBe(Steps);
    }

    [Fact]
    public void The_town_review_marks_the_household_pre_exit()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit).PassUntil("TownReview");

        var events = run.Step(on: D(2020, 10, 11)).Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Exit, 3, "TownReview", StepOutcome.Passed, D(2020, 10, 11), null, null),
            new HouseholdMarkedPreExit(A.ProcedureId, 3, D(2020, 10, 11)));

        run.Fold(events).State.Marks.ShouldContain(HouseholdMark.PreExit);
        run.State.Status.ShouldBe(HouseholdStatus.Poor);
    }

    [Fact]
    public void The_announcement_exits_the_household_with_the_exit_year()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit).PassUntil("DistrictAnnouncement");
        var evidence = new StepEvidence(DocumentRef: "万州扶贫办〔2020〕30号");

        run.Step(on: D(2020, 10, 20), evidence: evidence).Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Exit, 3, "DistrictAnnouncement", StepOutcome.Passed, D(2020, 10, 20), evidence, null),
            new HouseholdExited(A.ProcedureId, 2020, 3, 2020, 4000m, 4500m, D(2020, 10, 20)),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.Exit, ProcedureClosure.Completed, D(2020, 10, 20)));
    }

    [Fact]
    public void An_exited_household_loses_pre_exit_and_newly_poor()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit);
        run.State.Marks.ShouldBe([HouseholdMark.NewlyPoor]);

        run.PassAll();

        run.State.Status.ShouldBe(HouseholdStatus.Exited);
        run.State.ExitYear.ShouldBe(2020);
        run.State.IdentifiedYear.ShouldBe(2016);
        run.State.Marks.ShouldBeEmpty();
        run.State.OpenProcedures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(HouseholdStatus.Unregistered)]
    [InlineData(HouseholdStatus.Exited)]
    public void Only_a_poor_household_can_start_to_exit(HouseholdStatus status) =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Exit, null), Given(A.Registered(status)), Now, Catalog, Lines))
            .ThenRefused("procedure.not-applicable");

    [Theory]
    [InlineData(GuaranteeKind.FoodClothing)]
    [InlineData(GuaranteeKind.Education)]
    [InlineData(GuaranteeKind.Medical)]
    [InlineData(GuaranteeKind.Housing)]
    [InlineData(GuaranteeKind.Water)]
    public void One_unresolved_guarantee_refuses_the_determination(GuaranteeKind kind)
    {
        var run = Run.Start(Poor(more: A.Guarantee(kind, GuaranteeStatus.Unresolved)), ProcedureKind.Exit).PassUntil("DistrictDetermination");

        run.Step().ThenRefused("exit.guarantee-unresolved").Message.ShouldContain(kind.ToString());
    }

    [Fact]
    public void A_guarantee_never_certified_refuses_the_determination_too()
    {
        var uncertified = Given(A.Registered(HouseholdStatus.Poor, 2016), A.Income(4500),
            A.Guarantee(GuaranteeKind.FoodClothing), A.Guarantee(GuaranteeKind.Education), A.Guarantee(GuaranteeKind.Medical), A.Guarantee(GuaranteeKind.Housing));

        Run.Start(uncertified, ProcedureKind.Exit).PassUntil("DistrictDetermination").Step().ThenRefused("exit.guarantee-unresolved")
            .Message.ShouldContain("Water");
    }

    [Fact]
    public void A_guarantee_that_turns_unresolved_after_the_determination_refuses_the_announcement()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit).PassUntil("DistrictAnnouncement")
            .Meanwhile(A.Guarantee(GuaranteeKind.Housing, GuaranteeStatus.Unresolved));

        run.Step().ThenRefused("exit.guarantee-unresolved");
    }

    [Theory]
    [InlineData(HousingSafety.Unsafe, null, "Housing (housing recorded unsafe)")]
    [InlineData(null, DrinkingWaterSafety.Unsafe, "Water (drinking water recorded unsafe)")]
    public void Housing_or_water_recorded_unsafe_refuses_the_determination_though_certified(HousingSafety? housing, DrinkingWaterSafety? water, string shown)
    {
        var run = Run.Start(Poor(more: new HouseholdFactsRecorded([PovertyCause.Illness], housing, water, D(2020, 9, 1))), ProcedureKind.Exit)
            .PassUntil("DistrictDetermination");

        run.Step().ThenRefused("exit.guarantee-unresolved").Message.ShouldContain(shown);
    }

    [Theory]
    [InlineData(SchoolStatus.DroppedOut)]
    [InlineData(SchoolStatus.NotInSchool)]
    public void A_child_of_compulsory_school_age_recorded_out_of_school_refuses_the_determination(SchoolStatus status)
    {
        var daughter = new MemberJoined(A.NewMemberId, A.DaughterFacts with { SchoolStatus = status }, IncreaseReason.Other, D(2020, 9, 1));

        Run.Start(Poor(more: daughter), ProcedureKind.Exit).PassUntil("DistrictDetermination").Step().ThenRefused("exit.guarantee-unresolved")
            .Message.ShouldContain("Education (1 of compulsory-school age recorded out of school)");
    }

    [Fact]
    public void A_member_past_compulsory_school_age_who_dropped_out_does_not_refuse_it()
    {
        var son = new MemberFactsChanged(A.SonId, new MemberFactChanges(SchoolStatus: SchoolStatus.DroppedOut), D(2020, 9, 1));

        Run.Start(Poor(more: son), ProcedureKind.Exit).PassAll();
    }

    [Fact]
    public void A_member_recorded_without_basic_medical_insurance_refuses_the_determination()
    {
        var uninsured = new MemberFactsChanged(A.SpouseId, new MemberFactChanges(MedicalInsurance: false), D(2020, 9, 1));

        Run.Start(Poor(more: uninsured), ProcedureKind.Exit).PassUntil("DistrictDetermination").Step().ThenRefused("exit.guarantee-unresolved")
            .Message.ShouldContain("Medical (1 recorded without basic medical insurance)");
    }

    [Fact]
    public void Records_that_show_every_guarantee_met_let_the_household_exit()
    {
        var run = Run.Start(Poor(more:
            [
                new HouseholdFactsRecorded([PovertyCause.Illness], HousingSafety.Renovated, DrinkingWaterSafety.Safe, D(2020, 9, 1)),
                new MemberFactsChanged(A.SpouseId, new MemberFactChanges(MedicalInsurance: true), D(2020, 9, 1)),
            ]), ProcedureKind.Exit);

        run.PassAll();

        run.State.Status.ShouldBe(HouseholdStatus.Exited);
    }

    [Fact]
    public void An_exit_started_on_version_2_keeps_its_rules_and_is_not_refused_for_the_records()
    {
        var run = Run.Resume(Poor(more: new HouseholdFactsRecorded([PovertyCause.Illness], HousingSafety.Unsafe, null, D(2020, 9, 1))),
            new ProcedureStarted(A.ProcedureId, ProcedureKind.Exit, 2, D(2020, 10, 1)));

        run.PassAll();

        run.State.Status.ShouldBe(HouseholdStatus.Exited);
    }

    [Fact]
    public void Housing_recorded_unsafe_after_the_determination_refuses_the_announcement()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit).PassUntil("DistrictAnnouncement")
            .Meanwhile(new HouseholdFactsRecorded([PovertyCause.Illness], HousingSafety.Unsafe, DrinkingWaterSafety.Safe, D(2020, 10, 5)));

        run.Step().ThenRefused("exit.guarantee-unresolved").Message.ShouldContain("Housing (housing recorded unsafe)");
    }

    [Fact]
    public void Income_below_the_poverty_line_refuses_the_determination() =>
        Run.Start(Poor(3999.99m), ProcedureKind.Exit).PassUntil("DistrictDetermination").Step().ThenRefused("exit.income-below-line");

    [Fact]
    public void Income_below_the_poverty_line_refuses_the_announcement()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit).PassUntil("DistrictAnnouncement").Meanwhile(A.Income(3800, on: D(2020, 10, 1)));

        run.Step().ThenRefused("exit.income-below-line");
    }

    [Fact]
    public void Income_exactly_at_the_poverty_line_may_exit() =>
        Run.Start(Poor(4000m), ProcedureKind.Exit).PassAll().OfType<HouseholdExited>().ShouldHaveSingleItem().PerCapita.ShouldBe(4000m);

    [Fact]
    public void The_determination_needs_an_income_assessment_of_the_year()
    {
        var lastYearOnly = Given([A.Registered(HouseholdStatus.Poor, 2016), A.Income(9000, 2019), .. A.AllGuaranteesResolved()]);

        Run.Start(lastYearOnly, ProcedureKind.Exit).PassUntil("DistrictDetermination").Step().ThenRefused("exit.income-missing");
    }

    [Fact]
    public void Without_the_years_policy_line_the_determination_is_refused() =>
        Run.Start(Poor(), ProcedureKind.Exit, lines: NoLines).PassUntil("DistrictDetermination").Step().ThenRefused("policy.line-missing");

    [Fact]
    public void The_pre_exit_mark_needs_no_policy_line()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit, lines: NoLines).PassUntil("TownReview");

        run.Step().ThenTypes(typeof(ProcedureStepRecorded), typeof(HouseholdMarkedPreExit));
    }

    [Fact]
    public void Unresolved_guarantees_do_not_stop_the_steps_before_the_determination()
    {
        var run = Run.Start(Poor(3000m, A.Guarantee(GuaranteeKind.Water, GuaranteeStatus.Unresolved)), ProcedureKind.Exit);

        run.PassUntil("DistrictDetermination").State.Marks.ShouldContain(HouseholdMark.PreExit);
    }

    [Fact]
    public void A_rejected_exit_removes_the_pre_exit_mark()
    {
        var run = Run.Start(Poor(3000m), ProcedureKind.Exit).PassUntil("DistrictDetermination");
        run.State.Has(HouseholdMark.PreExit).ShouldBeTrue();

        var events = run.Step(outcome: StepOutcome.Rejected, note: "收入未达标").Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Exit, 3, "DistrictDetermination", StepOutcome.Rejected, run.LastDate.AddDays(1), null, "收入未达标"),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.Exit, ProcedureClosure.Rejected, run.LastDate.AddDays(1)));

        run.Fold(events).State.Marks.ShouldBe([HouseholdMark.NewlyPoor]);
        run.State.Status.ShouldBe(HouseholdStatus.Poor);
        run.State.OpenProcedures.ShouldBeEmpty();
    }

    [Fact]
    public void A_rejected_announcement_needs_no_document_and_exits_nobody()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit).PassUntil("DistrictAnnouncement");

        run.Fold(run.Step(outcome: StepOutcome.Rejected, noEvidence: true).ThenTypes(typeof(ProcedureStepRecorded), typeof(ProcedureClosed)));

        run.State.Status.ShouldBe(HouseholdStatus.Poor);
        run.State.Has(HouseholdMark.PreExit).ShouldBeFalse();
    }

    [Fact]
    public void An_exit_can_be_started_again_after_a_rejection()
    {
        var run = Run.Start(Poor(), ProcedureKind.Exit);
        run.Fold(run.Step(outcome: StepOutcome.Rejected).Events);

        When(() => StartProcedureDecision.Decide(new StartProcedure(Guid.NewGuid(), ProcedureKind.Exit, null), run.State, Now, Catalog, Lines))
            .ThenSingle<ProcedureStarted>();
    }
}
