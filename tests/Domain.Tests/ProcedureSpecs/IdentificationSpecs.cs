namespace Registry.Domain.Tests.ProcedureSpecs;

public class IdentificationSpecs
{
    private static readonly Household UnregisteredUnderTheLine = Given(A.Registered(), A.Income(3000));
    private static readonly Household ExitedUnderTheLine = Given(A.Registered(HouseholdStatus.Exited, 2015, 2018), A.Income(3000));

    private static readonly string[] Steps =
        ["Application", "HouseholdSurvey", "GroupAppraisal", "Comparison", "VillageAppraisal", "VillagePublicity", "TownReview", "DistrictAnnouncement"];

    [Fact]
    public void Starting_records_the_kind_date_and_definition_version() =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Identification, D(2020, 10, 1)),
                UnregisteredUnderTheLine, Now, Catalog, Lines))
            .Then(new ProcedureStarted(A.ProcedureId, ProcedureKind.Identification, 1, D(2020, 10, 1)));

    [Fact]
    public void The_eight_steps_run_in_order_two_appraisals_two_publicities_one_comparison_one_announcement()
    {
        var run = Run.Start(UnregisteredUnderTheLine, ProcedureKind.Identification);

        run.PassAll();

        run.Events.OfType<ProcedureStepRecorded>().Select(s => s.Step).ShouldBe(Steps);
        run.Definition.Steps.Select(s => s.Evidence).ShouldBe(
        [
            EvidenceRule.None, EvidenceRule.None, EvidenceRule.Appraisal, EvidenceRule.None,
            EvidenceRule.Appraisal, EvidenceRule.Publicity, EvidenceRule.Publicity, EvidenceRule.Document,
        ]);
    }

    [Fact]
    public void Steps_before_the_announcement_have_no_effect()
    {
        var run = Run.Start(UnregisteredUnderTheLine, ProcedureKind.Identification);

        foreach (var step in Steps[..^1]) run.Pass().ShouldHaveSingleItem().ShouldBeOfType<ProcedureStepRecorded>().Step.ShouldBe(step);

        run.State.Status.ShouldBe(HouseholdStatus.Unregistered);
        run.Open.Steps.Count.ShouldBe(7);
    }

    [Fact]
    public void The_announcement_identifies_an_unregistered_household_as_newly_poor()
    {
        var run = Run.Start(UnregisteredUnderTheLine, ProcedureKind.Identification).PassUntil("DistrictAnnouncement");
        var evidence = new StepEvidence(DocumentRef: "万州扶贫办〔2020〕12号");

        run.Step(on: D(2020, 10, 21), evidence: evidence, note: " 公告期满 ").Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Identification, 1, "DistrictAnnouncement", StepOutcome.Passed, D(2020, 10, 21), evidence, "公告期满"),
            new HouseholdIdentifiedAsPoor(A.ProcedureId, 2020, false, 1, 2020, 4000m, 3000m, D(2020, 10, 21)),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.Identification, ProcedureClosure.Completed, D(2020, 10, 21)));
    }

    [Fact]
    public void An_identified_household_is_poor_newly_poor_and_has_no_open_procedure()
    {
        var run = Run.Start(UnregisteredUnderTheLine, ProcedureKind.Identification);
        run.PassAll();

        run.State.Status.ShouldBe(HouseholdStatus.Poor);
        run.State.IdentifiedYear.ShouldBe(2020);
        run.State.Marks.ShouldBe([HouseholdMark.NewlyPoor]);
        run.State.OpenProcedures.ShouldBeEmpty();
    }

    [Fact]
    public void An_exited_household_identified_again_has_returned_to_poverty()
    {
        var run = Run.Start(ExitedUnderTheLine, ProcedureKind.Identification);

        var identified = run.PassAll().OfType<HouseholdIdentifiedAsPoor>().ShouldHaveSingleItem();

        identified.ReturnedToPoverty.ShouldBeTrue();
        run.State.Status.ShouldBe(HouseholdStatus.Poor);
        run.State.ExitYear.ShouldBeNull();
        run.State.IdentifiedYear.ShouldBe(2020);
        run.State.Marks.ShouldBe([HouseholdMark.ReturnedToPoverty]);
    }

    [Fact]
    public void Returning_to_poverty_leaves_no_guarantee_certified_so_the_next_exit_needs_a_new_joint_certification()
    {
        var run = Run.Start(ExitedUnderTheLine.And(A.AllGuaranteesResolved()), ProcedureKind.Identification);
        run.State.Guarantees.Values.ShouldAllBe(g => g == GuaranteeStatus.Resolved);

        var cleared = run.PassAll().OfType<GuaranteeCertificationsCleared>().ShouldHaveSingleItem();

        cleared.EffectiveDate.ShouldBe(run.LastDateOfLastStep());
        cleared.Kinds.ShouldBe(Enum.GetValues<GuaranteeKind>());
        run.State.Guarantees.Values.ShouldAllBe(g => g == GuaranteeStatus.Unknown);
        Run.Start(run.State.And(A.Income(4500), A.IncomeVerified()), ProcedureKind.Exit, on: new DateOnly(2020, 11, 1)).PassUntil("DistrictDetermination").Step()
            .ThenRefused("exit.guarantee-unresolved");
    }

    [Fact]
    public void A_household_with_nothing_certified_is_identified_without_clearing_anything() =>
        Run.Start(ExitedUnderTheLine, ProcedureKind.Identification).PassAll().OfType<GuaranteeCertificationsCleared>().ShouldBeEmpty();

    [Fact]
    public void A_stream_identified_before_certifications_were_cleared_keeps_them_as_they_were() =>
        Given([A.Registered(HouseholdStatus.Exited, 2015, 2019), .. A.AllGuaranteesResolved(),
                new HouseholdIdentifiedAsPoor(A.ProcedureId, 2020, true, 1, 2020, 4000m, 3000m, D(2020, 10, 20))])
            .Guarantees.Values.ShouldAllBe(g => g == GuaranteeStatus.Resolved);

    [Fact]
    public void Returning_to_poverty_clears_the_not_enjoying_policy_flag()
    {
        var run = Run.Start(ExitedUnderTheLine.And(A.Flagged), ProcedureKind.Identification);

        run.PassAll();

        run.State.Marks.ShouldBe([HouseholdMark.ReturnedToPoverty]);
    }

    [Fact]
    public void A_poor_household_cannot_be_identified_again() =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Identification, null),
                Given(A.Registered(HouseholdStatus.Poor)), Now, Catalog, Lines))
            .ThenRefused("procedure.not-applicable");

    [Fact]
    public void The_announcement_checks_again_that_the_household_can_be_identified()
    {
        var run = Run.Start(UnregisteredUnderTheLine, ProcedureKind.Identification).PassUntil("DistrictAnnouncement")
            .Meanwhile(new HouseholdIdentifiedAsPoor(Guid.NewGuid(), 2020, false, 1, 2020, 4000m, 3000m, D(2020, 10, 20)));

        run.Step().ThenRefused("procedure.not-applicable");
    }

    [Fact]
    public void The_announcement_needs_an_income_assessment_of_the_year()
    {
        var run = Run.Start(Given(A.Registered(), A.Income(3000, 2019)), ProcedureKind.Identification).PassUntil("DistrictAnnouncement");

        run.Step().ThenRefused("identification.income-missing");
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(5200)]
    public void A_household_at_or_above_the_poverty_line_is_not_identified(decimal perCapita)
    {
        var run = Run.Start(Given(A.Registered(), A.Income(perCapita)), ProcedureKind.Identification).PassUntil("DistrictAnnouncement");

        run.Step().ThenRefused("identification.income-above-line");
    }

    [Fact]
    public void Just_under_the_poverty_line_is_identified() =>
        Run.Start(Given(A.Registered(), A.Income(3999.99m)), ProcedureKind.Identification).PassAll()
            .OfType<HouseholdIdentifiedAsPoor>().ShouldHaveSingleItem().PerCapita.ShouldBe(3999.99m);

    [Fact]
    public void The_latest_assessment_of_the_year_is_compared()
    {
        var reassessed = Given(A.Registered(), A.Income(3000, on: D(2020, 9, 1)), A.Income(4200, on: D(2020, 9, 20)));

        Run.Start(reassessed, ProcedureKind.Identification).PassUntil("DistrictAnnouncement").Step().ThenRefused("identification.income-above-line");
    }

    [Fact]
    public void Without_the_years_policy_line_the_announcement_is_refused()
    {
        var run = Run.Start(UnregisteredUnderTheLine, ProcedureKind.Identification, lines: NoLines).PassUntil("DistrictAnnouncement");

        run.Step().ThenRefused("policy.line-missing").Message.ShouldContain("2020");
    }

    [Fact]
    public void A_rejected_announcement_closes_without_identifying()
    {
        var run = Run.Start(Given(A.Registered(), A.Income(5000)), ProcedureKind.Identification).PassUntil("DistrictAnnouncement");

        var events = run.Step(outcome: StepOutcome.Rejected, noEvidence: true).ThenTypes(typeof(ProcedureStepRecorded), typeof(ProcedureClosed));

        run.Fold(events).State.Status.ShouldBe(HouseholdStatus.Unregistered);
        run.State.Marks.ShouldBeEmpty();
        run.State.OpenProcedures.ShouldBeEmpty();
    }
}
