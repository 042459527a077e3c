namespace Registry.Domain.Tests.ProcedureSpecs;

public class RemovalSpecs
{
    private static readonly Household Exited = Given(A.Registered(HouseholdStatus.Exited));
    private static readonly Household ExitedFlagged = Exited.And(A.Flagged);

    private static Outcome WhenStarting(Household state) =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Removal, null), state, Now, Catalog, Lines));

    private static Outcome WhenFlagging(FlagNotEnjoyingPolicy command, Household? state = null) =>
        When(() => FlagNotEnjoyingPolicyDecision.Decide(command, state ?? Exited, Now));

    // ---- the flag

    [Fact]
    public void The_town_flags_an_exited_household_as_not_enjoying_policy() =>
        WhenFlagging(new FlagNotEnjoyingPolicy("核查发现有商品房", D(2020, 10, 1))).Then(new NotEnjoyingPolicyFlagged(D(2020, 10, 1)));

    [Fact]
    public void Without_a_date_the_flag_takes_effect_today() =>
        WhenFlagging(new FlagNotEnjoyingPolicy("核查发现有商品房", null)).ThenSingle<NotEnjoyingPolicyFlagged>().EffectiveDate.ShouldBe(Today);

    [Fact]
    public void Flagging_marks_the_household() =>
        ExitedFlagged.Marks.ShouldBe([HouseholdMark.NotEnjoyingPolicy]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Flagging_needs_a_reason(string? reason) =>
        WhenFlagging(new FlagNotEnjoyingPolicy(reason, null)).ThenInvalidExactly(("reason", "reason.required"));

    [Fact]
    public void The_flag_is_not_dated_in_the_future() =>
        WhenFlagging(new FlagNotEnjoyingPolicy("核查", Tomorrow)).ThenInvalidExactly(("effectiveDate", "date.in-future"));

    [Theory]
    [InlineData(HouseholdStatus.Unregistered)]
    [InlineData(HouseholdStatus.Poor)]
    public void Only_an_exited_household_is_flagged(HouseholdStatus status) =>
        WhenFlagging(new FlagNotEnjoyingPolicy("核查", null), Given(A.Registered(status))).ThenRefused("household.not-exited");

    [Fact]
    public void A_household_is_flagged_once() =>
        WhenFlagging(new FlagNotEnjoyingPolicy("核查", null), ExitedFlagged).ThenRefused("household.already-flagged");

    [Fact]
    public void A_removed_household_is_not_flagged() =>
        WhenFlagging(new FlagNotEnjoyingPolicy("核查", null), ExitedFlagged.And(new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 9))))
            .ThenRefused("household.removed");

    // ---- the removal

    [Fact]
    public void The_four_steps_run_in_order()
    {
        var run = Run.Start(ExitedFlagged, ProcedureKind.Removal);

        run.PassAll();

        run.Events.OfType<ProcedureStepRecorded>().Select(s => s.Step).ShouldBe(["Verification", "VillageAppraisal", "TownReview", "DistrictApproval"]);
    }

    [Fact]
    public void The_approval_removes_the_household()
    {
        var run = Run.Start(ExitedFlagged, ProcedureKind.Removal).PassUntil("DistrictApproval");
        var evidence = new StepEvidence(DocumentRef: "万州扶贫办〔2020〕45号");

        run.Step(on: D(2020, 10, 10), evidence: evidence).Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Removal, 1, "DistrictApproval", StepOutcome.Passed, D(2020, 10, 10), evidence, null),
            new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 10)),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.Removal, ProcedureClosure.Completed, D(2020, 10, 10)));
    }

    [Fact]
    public void A_removed_household_is_closed_to_everything()
    {
        var run = Run.Start(ExitedFlagged, ProcedureKind.Removal);
        run.PassAll();

        run.State.Status.ShouldBe(HouseholdStatus.Removed);
        run.State.Marks.ShouldBeEmpty();
        foreach (var kind in Enum.GetValues<ProcedureKind>())
            When(() => StartProcedureDecision.Decide(new StartProcedure(Guid.NewGuid(), kind, null), run.State, Now, Catalog, Lines))
                .ThenRefused("household.removed");
    }

    [Fact]
    public void An_exited_household_not_flagged_is_not_removed() =>
        WhenStarting(Exited).ThenRefused("procedure.not-applicable");

    [Theory]
    [InlineData(HouseholdStatus.Unregistered)]
    [InlineData(HouseholdStatus.Poor)]
    public void Only_an_exited_household_is_removed(HouseholdStatus status) =>
        WhenStarting(Given(A.Registered(status), A.Flagged)).ThenRefused("procedure.not-applicable");

    [Fact]
    public void The_approval_checks_again_that_the_household_is_still_flagged_and_exited()
    {
        var run = Run.Start(ExitedFlagged, ProcedureKind.Removal).PassUntil("DistrictApproval")
            .Meanwhile(new HouseholdIdentifiedAsPoor(Guid.NewGuid(), 2020, true, 1, 2020, 4000m, 3000m, D(2020, 10, 3)));

        run.Step().ThenRefused("procedure.not-applicable");
    }

    [Fact]
    public void The_removal_needs_no_policy_line() =>
        Run.Start(ExitedFlagged, ProcedureKind.Removal, lines: NoLines).PassAll().OfType<HouseholdRemoved>().ShouldHaveSingleItem();

    [Fact]
    public void The_approval_records_its_document()
    {
        var run = Run.Start(ExitedFlagged, ProcedureKind.Removal).PassUntil("DistrictApproval");

        run.Step(evidence: new StepEvidence(DocumentRef: " ")).ThenInvalidExactly(("evidence.documentRef", "procedure.evidence.document-required"));
    }
}
