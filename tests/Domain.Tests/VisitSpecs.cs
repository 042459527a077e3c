namespace Registry.Domain.Tests;

public class VisitSpecs
{
    private static readonly Household Family = Given(A.Registered());

    private static Outcome WhenVisiting(RecordVisit command, Household? state = null) =>
        When(() => RecordVisitDecision.Decide(command, state ?? Family, Now));

    [Fact]
    public void A_visit_is_recorded_with_its_purpose_and_note() =>
        WhenVisiting(new RecordVisit(D(2020, 10, 12), " 动态调整入户 ", "  核实家庭人口 ")).Then(new HouseholdVisited(D(2020, 10, 12), "动态调整入户", "核实家庭人口"));

    [Fact]
    public void Empty_purpose_and_note_are_none() =>
        WhenVisiting(new RecordVisit(D(2020, 10, 12), " ", "")).Then(new HouseholdVisited(D(2020, 10, 12), null, null));

    [Fact]
    public void A_visit_today_is_accepted() =>
        WhenVisiting(new RecordVisit(Today, null, null)).ThenSingle<HouseholdVisited>().VisitedOn.ShouldBe(Today);

    [Fact]
    public void A_visit_in_the_future_is_refused() =>
        WhenVisiting(new RecordVisit(Tomorrow, null, null)).ThenInvalidExactly(("visitedOn", "date.in-future"));

    [Fact]
    public void A_visit_on_the_day_of_registration_is_accepted() =>
        WhenVisiting(new RecordVisit(A.RegisteredOn, null, null)).ThenSingle<HouseholdVisited>();

    [Fact]
    public void A_visit_before_the_registration_is_refused() =>
        WhenVisiting(new RecordVisit(A.RegisteredOn.AddDays(-1), null, null)).ThenRefused("visit.before-registration");

    [Fact]
    public void Overlong_purpose_and_note_are_refused() =>
        WhenVisiting(new RecordVisit(D(2020, 10, 12), new string('访', 101), new string('注', 2001)))
            .ThenInvalidExactly(("purpose", "field.too-long"), ("note", "field.too-long"));

    [Fact]
    public void A_removed_household_is_not_visited() =>
        WhenVisiting(new RecordVisit(D(2020, 10, 12), null, null), Given(A.Registered(HouseholdStatus.Exited), A.Flagged, new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 9))))
            .ThenRefused("household.removed");

    [Fact]
    public void A_household_never_visited_has_no_last_visit() =>
        Family.LastVisitedOn.ShouldBeNull();

    [Fact]
    public void The_last_visit_is_the_latest_visit_whatever_the_order_recorded()
    {
        var state = Family.And(new HouseholdVisited(D(2020, 10, 12), null, null), new HouseholdVisited(D(2020, 10, 2), "补录", null));

        state.LastVisitedOn.ShouldBe(D(2020, 10, 12));
        state.And(new HouseholdVisited(D(2020, 10, 20), null, null)).LastVisitedOn.ShouldBe(D(2020, 10, 20));
    }

    [Fact]
    public void A_visit_changes_no_recorded_fact() =>
        Family.And(new HouseholdVisited(D(2020, 10, 12), null, null)).ShouldBe(Family with { LastVisitedOn = D(2020, 10, 12) });
}
