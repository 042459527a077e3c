using Registry.Domain.Campaigns;

namespace Registry.Domain.Tests;

public class OverdueSpecs
{
    private static readonly Campaign Campaign2020 = CampaignCatalog.Of(2020)!;

    private static DateOnly D(int month, int day, int year = 2020) => new(year, month, day);

    [Fact]
    public void Every_step_deadline_names_a_step_of_its_procedure_and_a_phase_of_the_calendar()
    {
        Campaign2020.StepDeadlines.ShouldNotBeNull();
        foreach (var (kind, steps) in Campaign2020.StepDeadlines)
        foreach (var (step, phase) in steps)
        {
            ProcedureCatalog.Default.All.Where(d => d.Kind == kind).ShouldContain(d => d.Find(step) != null, $"{kind}.{step}");
            Campaign2020.Phase(phase).ShouldNotBeNull($"{kind}.{step} → {phase}");
        }
        foreach (var definition in ProcedureCatalog.Default.All)
        foreach (var step in definition.Steps)
            Campaign2020.StepDueOn(definition.Kind, step.Name).ShouldNotBeNull($"{definition.Kind}.{step.Name} has a deadline");
    }

    [Fact]
    public void A_next_step_is_overdue_the_day_after_its_phase_ends()
    {
        var id = Guid.NewGuid();
        Overdue.Step(id, ProcedureKind.Monitoring, "TownReview", D(10, 1), D(11, 20)).ShouldBeNull();
        var late = Overdue.Step(id, ProcedureKind.Monitoring, "TownReview", D(10, 1), D(11, 21)).ShouldNotBeNull();
        late.ShouldBe(new OverdueWork(OverdueKind.ProcedureStep, D(11, 20), ProcedureKind.Monitoring, id, "TownReview"));
        Overdue.Step(id, ProcedureKind.RiskElimination, "Assessment", D(10, 1), D(11, 2))!.DueOn.ShouldBe(D(11, 1));
    }

    [Fact]
    public void A_procedure_started_in_a_year_without_a_calendar_has_no_deadline() =>
        Overdue.Step(Guid.NewGuid(), ProcedureKind.Monitoring, "Report", D(3, 1, 2021), D(12, 31, 2021)).ShouldBeNull();

    [Fact]
    public void A_risk_not_assessed_since_before_the_collection_phase_is_overdue_once_the_phase_has_ended()
    {
        Overdue.RiskReview(true, false, D(9, 25), D(11, 1)).ShouldBeNull();
        Overdue.RiskReview(true, false, D(9, 25), D(11, 2)).ShouldBe(new OverdueWork(OverdueKind.RiskReview, D(11, 1)));
        Overdue.RiskReview(true, false, null, D(11, 2)).ShouldNotBeNull();
        Overdue.RiskReview(true, false, D(10, 10), D(11, 2)).ShouldBeNull();
        Overdue.RiskReview(true, true, D(9, 25), D(11, 2)).ShouldBeNull();
        Overdue.RiskReview(false, false, D(9, 25), D(11, 2)).ShouldBeNull();
        Overdue.RiskReview(true, false, D(9, 25), D(6, 1, 2023)).ShouldNotBeNull("a later year without a calendar keeps the latest one");
    }
}
