using Registry.Domain.Quality;

namespace Registry.Domain.Tests.Quality;

public class ResolveProblemSpecs
{
    private static readonly Guid ProblemId = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    private static readonly Guid OtherProblemId = Guid.Parse("00000000-0000-0000-0000-0000000000e2");

    /// <summary>A problem opened when the household stood at version 5.</summary>
    private static readonly Problem Open = Problem.Create(new ProblemOpened(ProblemId, A.HouseholdId, A.HeadId, A.Village, ProblemSource.Inspection, null, null,
        Severity.Error, "户主电话号码空号", 5, D(2020, 11, 1)));

    private static readonly Problem Resolved = Problem.Evolve(Open, new ProblemResolved(ResolutionOutcome.ConfirmedCorrect, "已核实", null, null, D(2020, 11, 2)))!;

    private static FactRecorded PhoneChanged(long version) =>
        new(version, "household.member-facts-changed.v1", new MemberFactsChanged(A.HeadId, new MemberFactChanges(Phone: "13700000000"), D(2020, 11, 3)));

    private static FactRecorded Corrected(long version, Guid? problemId) =>
        new(version, "household.corrected.v1", new HouseholdCorrected(Guid.NewGuid(), problemId, null, "龙驹镇某村3号", [], null, D(2020, 11, 3)));

    private static FactRecorded Visited(long version) =>
        new(version, "household.visited.v1", new HouseholdVisited(D(2020, 11, 3), "回访", null));

    private static FactRecorded StepRecorded(long version) =>
        new(version, "procedure.step-recorded.v1", new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Exit, 1, "Nomination", StepOutcome.Passed, D(2020, 11, 3), null, null));

    private static Outcome WhenResolving(ResolutionOutcome outcome, string? note = null, Problem? problem = null, params FactRecorded[] laterFacts) =>
        When(() => ResolveProblemDecision.Decide(new ResolveProblem(outcome, note), problem ?? Open, laterFacts, Now));

    // ---- confirmed correct

    [Fact]
    public void Data_confirmed_correct_resolves_the_problem_with_the_note() =>
        WhenResolving(ResolutionOutcome.ConfirmedCorrect, "  经电话核实号码有效 ").Then(
            new ProblemResolved(ResolutionOutcome.ConfirmedCorrect, "经电话核实号码有效", null, null, Today));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Confirming_the_data_correct_needs_a_note(string? note) =>
        WhenResolving(ResolutionOutcome.ConfirmedCorrect, note).ThenInvalidExactly(("note", "problem.note-required"));

    [Fact]
    public void A_note_has_at_most_2000_characters() =>
        WhenResolving(ResolutionOutcome.ConfirmedCorrect, new string('注', 2001)).ThenInvalidExactly(("note", "field.too-long"));

    // ---- corrected

    [Fact]
    public void A_correction_links_the_fact_update_recorded_after_the_problem() =>
        WhenResolving(ResolutionOutcome.Corrected, "已更正", laterFacts: PhoneChanged(6)).Then(
            new ProblemResolved(ResolutionOutcome.Corrected, "已更正", 6, "household.member-facts-changed.v1", Today));

    [Fact]
    public void A_correction_needs_no_note() =>
        WhenResolving(ResolutionOutcome.Corrected, " ", laterFacts: PhoneChanged(6)).ThenSingle<ProblemResolved>().Note.ShouldBeNull();

    [Fact]
    public void Without_a_later_fact_update_nothing_was_corrected() =>
        WhenResolving(ResolutionOutcome.Corrected).ThenRefused("problem.no-correction-recorded");

    [Fact]
    public void A_fact_update_at_or_before_the_problems_version_is_no_correction() =>
        WhenResolving(ResolutionOutcome.Corrected, laterFacts: [PhoneChanged(4), PhoneChanged(5)]).ThenRefused("problem.no-correction-recorded");

    [Fact]
    public void Visits_and_procedure_steps_are_no_correction() =>
        WhenResolving(ResolutionOutcome.Corrected, laterFacts: [Visited(6), StepRecorded(7)]).ThenRefused("problem.no-correction-recorded");

    [Fact]
    public void Of_several_fact_updates_the_latest_is_linked() =>
        WhenResolving(ResolutionOutcome.Corrected, laterFacts: [PhoneChanged(6), PhoneChanged(8), Visited(9)])
            .ThenSingle<ProblemResolved>().LinkedHouseholdVersion.ShouldBe(8);

    [Fact]
    public void A_correction_naming_the_problem_is_linked_before_later_facts()
    {
        var resolved = WhenResolving(ResolutionOutcome.Corrected, laterFacts: [PhoneChanged(6), Corrected(7, ProblemId), PhoneChanged(8)])
            .ThenSingle<ProblemResolved>();

        resolved.LinkedHouseholdVersion.ShouldBe(7);
        resolved.LinkedEventType.ShouldBe("household.corrected.v1");
    }

    [Fact]
    public void A_correction_naming_another_problem_is_linked_only_as_the_latest_fact()
    {
        WhenResolving(ResolutionOutcome.Corrected, laterFacts: [Corrected(7, OtherProblemId), PhoneChanged(8)])
            .ThenSingle<ProblemResolved>().LinkedHouseholdVersion.ShouldBe(8);
        WhenResolving(ResolutionOutcome.Corrected, laterFacts: [PhoneChanged(6), Corrected(7, OtherProblemId)])
            .ThenSingle<ProblemResolved>().LinkedHouseholdVersion.ShouldBe(7);
    }

    [Fact]
    public void A_correction_naming_the_problem_before_its_version_is_no_correction() =>
        WhenResolving(ResolutionOutcome.Corrected, laterFacts: Corrected(5, ProblemId)).ThenRefused("problem.no-correction-recorded");

    public static TheoryData<object, bool> Events => new()
    {
        { new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 1, 2)), true },
        { new MemberLeft(A.SonId, DecreaseReason.Death, D(2020, 1, 3), null), true },
        { new MemberFactsChanged(A.SonId, new MemberFactChanges(Name: "某"), D(2020, 1, 4)), true },
        { A.Income(3000), true },
        { A.Guarantee(GuaranteeKind.Water), true },
        { A.Risks(RiskType.Disaster), true },
        { A.Assistance(), true },
        { new HouseholdCorrected(Guid.Empty, null, null, "新地址", [], null, D(2020, 1, 19)), true },
        { A.Registered(), false },
        { new HouseholdVisited(D(2020, 1, 20), null, null), false },
        { new ProcedureStarted(A.ProcedureId, ProcedureKind.Exit, 1, D(2020, 1, 9)), false },
        { new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Exit, 1, "Nomination", StepOutcome.Passed, D(2020, 1, 10), null, null), false },
        { new HouseholdExited(A.ProcedureId, 2020, 1, 2020, 4000m, 4500m, D(2020, 1, 14)), false },
        { A.Flagged, false },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Only_changes_of_recorded_facts_are_fact_updates(object @event, bool isFactUpdate) =>
        ResolveProblemDecision.IsFactUpdate(@event).ShouldBe(isFactUpdate);

    // ---- by data, and only once

    [Fact]
    public void Resolving_by_data_is_refused_on_request() =>
        WhenResolving(ResolutionOutcome.ResolvedByData, "数据已更新", laterFacts: PhoneChanged(6)).ThenInvalidExactly(("outcome", "problem.outcome.invalid"));

    [Fact]
    public void A_cleaning_run_resolves_by_data_today() =>
        ResolveProblemDecision.ByData(Now).ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(ResolutionOutcome.ResolvedByData),
            r => r.LinkedHouseholdVersion.ShouldBeNull(),
            r => r.ResolvedOn.ShouldBe(Today));

    [Theory]
    [InlineData(ResolutionOutcome.Corrected)]
    [InlineData(ResolutionOutcome.ConfirmedCorrect)]
    public void A_resolved_problem_cannot_be_resolved_again(ResolutionOutcome outcome) =>
        WhenResolving(outcome, "再次核实", Resolved, PhoneChanged(6)).ThenRefused("problem.already-resolved");
}
