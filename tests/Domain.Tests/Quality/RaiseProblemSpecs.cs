using Registry.Domain.Quality;

namespace Registry.Domain.Tests.Quality;

public class RaiseProblemSpecs
{
    private static readonly Guid ProblemId = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    private const long Version = 7;

    private static readonly Household Family = Given(A.Registered(), A.Income(5000));
    private static readonly Household SonLeft = Family.And(new MemberLeft(A.SonId, DecreaseReason.Death, D(2020, 9, 1), null));

    private static Outcome WhenRaising(RaiseProblem command, Household? household = null) =>
        When(() => RaiseProblemDecision.Decide(command, household ?? Family, Version, Now, QualityRules.Current));

    private static RaiseProblem Raise(Guid? memberId = null, string? rule = null, string? description = "户主电话号码空号", ProblemSource source = ProblemSource.Inspection) =>
        new(ProblemId, memberId, source, rule, description);

    [Fact]
    public void A_problem_opens_on_the_household_at_its_version() =>
        WhenRaising(Raise(description: "  户主电话号码空号 ")).Then(new ProblemOpened(ProblemId, A.HouseholdId, null, A.Village, ProblemSource.Inspection,
            null, null, Severity.Error, "户主电话号码空号", Version, Today));

    [Fact]
    public void A_problem_under_a_rule_records_the_rules_severity_and_the_set_version() =>
        WhenRaising(Raise(A.HeadId, "household.head.phone-missing", source: ProblemSource.Census)).Then(new ProblemOpened(ProblemId, A.HouseholdId, A.HeadId,
            A.Village, ProblemSource.Census, "household.head.phone-missing", 3, Severity.Warning, "户主电话号码空号", Version, Today));

    [Fact]
    public void A_problem_under_an_error_rule_is_an_error() =>
        WhenRaising(Raise(A.SonId, "person.id-number.invalid")).ThenSingle<ProblemOpened>().Severity.ShouldBe(Severity.Error);

    [Fact]
    public void An_empty_rule_is_no_rule() =>
        WhenRaising(Raise(rule: "")).ThenSingle<ProblemOpened>().ShouldSatisfyAllConditions(
            e => e.Rule.ShouldBeNull(),
            e => e.RuleSetVersion.ShouldBeNull());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_problem_needs_a_description(string? description) =>
        WhenRaising(Raise(description: description)).ThenInvalidExactly(("description", "field.required"));

    [Fact]
    public void A_description_has_at_most_2000_characters()
    {
        WhenRaising(Raise(description: new string('问', 2000))).ThenSingle<ProblemOpened>();
        WhenRaising(Raise(description: new string('问', 2001))).ThenInvalidExactly(("description", "field.too-long"));
    }

    [Fact]
    public void A_rule_that_is_not_in_the_set_is_refused() =>
        WhenRaising(Raise(rule: "person.shoe-size")).ThenInvalidExactly(("rule", "problem.rule-unknown"));

    [Fact]
    public void A_missing_description_and_an_unknown_rule_are_reported_together() =>
        WhenRaising(Raise(rule: "person.shoe-size", description: null)).ThenInvalidExactly(("description", "field.required"), ("rule", "problem.rule-unknown"));

    [Fact]
    public void A_problem_about_an_unknown_member_is_not_found() =>
        WhenRaising(Raise(A.NewMemberId)).ThenRefused("member.not-found", RefusalKind.NotFound);

    [Fact]
    public void A_problem_about_a_current_member_names_the_member() =>
        WhenRaising(Raise(A.SonId)).ThenSingle<ProblemOpened>().MemberId.ShouldBe(A.SonId);

    [Fact]
    public void A_problem_about_a_former_member_is_accepted() =>
        WhenRaising(Raise(A.SonId, "person.dead-with-later-facts"), SonLeft).ThenSingle<ProblemOpened>().MemberId.ShouldBe(A.SonId);

    // ---- from a cleaning run

    [Fact]
    public void A_finding_opens_a_cleaning_problem_with_the_rules_message_and_the_detail()
    {
        var finding = new Finding("person.age.implausible", A.HouseholdId, A.SonId, "112");

        RaiseProblemDecision.FromFinding(ProblemId, finding, Family, Version, QualityRules.Current, Now).ShouldBe(new ProblemOpened(ProblemId, A.HouseholdId,
            A.SonId, A.Village, ProblemSource.DataCleaning, "person.age.implausible", 3, Severity.Warning, "年龄超过110岁（112）", Version, Today));
    }

    [Fact]
    public void A_finding_without_detail_opens_a_problem_with_the_rules_message_alone() =>
        RaiseProblemDecision.FromFinding(ProblemId, new Finding("household.head.missing", A.HouseholdId, null, ""), Family, Version, QualityRules.Current, Now)
            .Description.ShouldBe("家庭没有户主");

    // ---- the problem as its events made it

    [Fact]
    public void An_opened_problem_is_open()
    {
        var opened = RaiseProblemDecision.FromFinding(ProblemId, new Finding("household.head.missing", A.HouseholdId, null, ""), Family, Version,
            QualityRules.Current, Now);

        Problem.Evolve(null, opened).ShouldBe(new Problem(ProblemId, A.HouseholdId, null, A.Village, ProblemSource.DataCleaning, "household.head.missing", 3,
            Severity.Error, "家庭没有户主", Version, Today, ProblemStatus.Open, null));
    }

    [Fact]
    public void A_resolved_problem_keeps_its_resolution()
    {
        var opened = WhenRaising(Raise()).ThenSingle<ProblemOpened>();
        var resolved = new ProblemResolved(ResolutionOutcome.ConfirmedCorrect, "电话已核实", null, null, Today);

        var problem = Problem.Evolve(Problem.Evolve(null, opened), resolved)!;

        problem.Status.ShouldBe(ProblemStatus.Resolved);
        problem.Resolution.ShouldBe(resolved);
    }

    [Fact]
    public void Events_before_the_opening_and_unknown_events_change_nothing()
    {
        Problem.Evolve(null, ResolveProblemDecision.ByData(Now)).ShouldBeNull();
        var open = Problem.Evolve(null, WhenRaising(Raise()).ThenSingle<ProblemOpened>())!;
        Problem.Evolve(open, "something else").ShouldBeSameAs(open);
    }
}
