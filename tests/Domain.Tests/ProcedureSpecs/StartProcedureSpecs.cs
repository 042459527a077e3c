namespace Registry.Domain.Tests.ProcedureSpecs;

public class StartProcedureSpecs
{
    private static readonly Household Unregistered = Given(A.Registered());

    private static Outcome WhenStarting(ProcedureKind kind, Household state, DateOnly? on = null, Guid? id = null) =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(id ?? A.ProcedureId, kind, on), state, Now, Catalog, Lines));

    [Fact]
    public void Without_a_date_a_procedure_starts_today() =>
        WhenStarting(ProcedureKind.Identification, Unregistered).ThenSingle<ProcedureStarted>().StartedOn.ShouldBe(Today);

    [Fact]
    public void A_procedure_does_not_start_in_the_future() =>
        WhenStarting(ProcedureKind.Identification, Unregistered, Tomorrow).ThenInvalidExactly(("startedOn", "date.in-future"));

    [Fact]
    public void A_started_procedure_is_open_with_no_steps()
    {
        var state = Unregistered.And(WhenStarting(ProcedureKind.Identification, Unregistered, D(2020, 10, 1)).Events);

        state.OpenProcedures.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.ProcedureId.ShouldBe(A.ProcedureId),
            p => p.Kind.ShouldBe(ProcedureKind.Identification),
            p => p.DefinitionVersion.ShouldBe(1),
            p => p.Steps.ShouldBeEmpty(),
            p => p.LastDate().ShouldBe(D(2020, 10, 1)));
    }

    [Fact]
    public void A_second_open_procedure_of_the_same_kind_is_refused()
    {
        var open = Run.Start(Unregistered, ProcedureKind.Identification).State;

        WhenStarting(ProcedureKind.Identification, open, id: Guid.NewGuid()).ThenRefused("procedure.already-open");
    }

    [Fact]
    public void Procedures_of_different_kinds_may_be_open_together()
    {
        var open = Run.Start(Unregistered, ProcedureKind.Identification).State;

        WhenStarting(ProcedureKind.Monitoring, open, id: Guid.NewGuid()).ThenSingle<ProcedureStarted>();
    }

    [Theory]
    [InlineData(ProcedureKind.Identification, HouseholdStatus.Poor)]
    [InlineData(ProcedureKind.Exit, HouseholdStatus.Unregistered)]
    [InlineData(ProcedureKind.Exit, HouseholdStatus.Exited)]
    [InlineData(ProcedureKind.Monitoring, HouseholdStatus.Poor)]
    [InlineData(ProcedureKind.RiskElimination, HouseholdStatus.Exited)]
    [InlineData(ProcedureKind.RiskElimination, HouseholdStatus.Unregistered)]
    [InlineData(ProcedureKind.Removal, HouseholdStatus.Exited)]
    [InlineData(ProcedureKind.Removal, HouseholdStatus.Poor)]
    public void A_procedure_starts_only_where_it_applies(ProcedureKind kind, HouseholdStatus status) =>
        WhenStarting(kind, Given(A.Registered(status))).ThenRefused("procedure.not-applicable");

    [Theory]
    [InlineData(ProcedureKind.Identification, HouseholdStatus.Unregistered)]
    [InlineData(ProcedureKind.Identification, HouseholdStatus.Exited)]
    [InlineData(ProcedureKind.Exit, HouseholdStatus.Poor)]
    [InlineData(ProcedureKind.Monitoring, HouseholdStatus.Unregistered)]
    [InlineData(ProcedureKind.Monitoring, HouseholdStatus.Exited)]
    public void A_procedure_starts_where_it_applies(ProcedureKind kind, HouseholdStatus status) =>
        WhenStarting(kind, Given(A.Registered(status))).ThenSingle<ProcedureStarted>().Kind.ShouldBe(kind);

    [Fact]
    public void Start_guards_need_no_policy_line() =>
        When(() => StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Identification, null), Unregistered, Now, Catalog, NoLines))
            .ThenSingle<ProcedureStarted>();
}
