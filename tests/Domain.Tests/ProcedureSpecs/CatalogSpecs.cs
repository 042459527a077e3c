namespace Registry.Domain.Tests.ProcedureSpecs;

public class CatalogSpecs
{
    private static readonly ProcedureDefinition IdentificationV1 = Catalog.Get(ProcedureKind.Identification, 1);

    /// <summary>A shorter second version of the identification procedure.</summary>
    private static readonly ProcedureDefinition IdentificationV2 = IdentificationV1 with
    {
        Version = 2,
        Steps = [IdentificationV1.Steps[0], IdentificationV1.Steps[^1]],
    };

    private static readonly ProcedureCatalog TwoVersions = new([.. Catalog.All, IdentificationV2]);

    private static readonly Household Applicant = Given(A.Registered(), A.Income(3000));

    [Fact]
    public void Every_step_has_a_chinese_label() =>
        Catalog.All.SelectMany(d => d.Steps).ShouldAllBe(s => s.Label != null && System.Text.RegularExpressions.Regex.IsMatch(s.Label, @"\p{IsCJKUnifiedIdeographs}"));

    [Fact]
    public void The_default_catalog_defines_every_kind_and_keeps_earlier_versions()
    {
        Catalog.All.Select(d => d.Kind).Distinct().Order().ShouldBe(Enum.GetValues<ProcedureKind>());
        Catalog.All.ShouldAllBe(d => d.MinimumPublicityDays == 7);
        Catalog.All.Where(d => d.Kind == ProcedureKind.Exit).Select(d => d.Version).ShouldBe([1, 2, 3]);
        Catalog.Latest(ProcedureKind.Exit).Steps.Single(s => s.Name == "DistrictDetermination").GuardNames()
            .ShouldBe(["exit.guarantees-resolved", "exit.guarantee-records-resolved", "exit.income-at-poverty-line", "exit.income-verified"]);
        Catalog.Get(ProcedureKind.Exit, 1).Steps.SelectMany(s => s.GuardNames()).ShouldNotContain("exit.income-verified");
        Catalog.Get(ProcedureKind.Exit, 2).Steps.SelectMany(s => s.GuardNames()).ShouldNotContain("exit.guarantee-records-resolved");
    }

    [Theory]
    [InlineData(ProcedureKind.Identification, "identify-as-poor")]
    [InlineData(ProcedureKind.Exit, "exit")]
    [InlineData(ProcedureKind.Monitoring, "start-monitoring")]
    [InlineData(ProcedureKind.RiskElimination, "eliminate-risk")]
    [InlineData(ProcedureKind.Removal, "remove")]
    public void The_last_step_of_each_procedure_has_its_effect_and_is_a_district_step(ProcedureKind kind, string effect)
    {
        var last = Catalog.Latest(kind).Steps[^1];

        last.Effect.ShouldBe(effect);
        last.Level.ShouldBe(StepLevel.District);
    }

    [Fact]
    public void A_new_procedure_starts_on_the_latest_version()
    {
        var run = Run.Start(Applicant, ProcedureKind.Identification, catalog: TwoVersions);

        run.Events.ShouldHaveSingleItem().ShouldBeOfType<ProcedureStarted>().DefinitionVersion.ShouldBe(2);
        run.Open.DefinitionVersion.ShouldBe(2);
    }

    [Fact]
    public void Every_event_records_the_version_the_procedure_started_on()
    {
        var run = Run.Start(Applicant, ProcedureKind.Identification, catalog: TwoVersions);

        run.PassAll();

        run.Events.OfType<ProcedureStepRecorded>().Select(s => s.Step).ShouldBe(["Application", "DistrictAnnouncement"]);
        run.Events.OfType<ProcedureStepRecorded>().ShouldAllBe(s => s.DefinitionVersion == 2);
        run.Events.OfType<HouseholdIdentifiedAsPoor>().ShouldHaveSingleItem().DefinitionVersion.ShouldBe(2);
    }

    [Fact]
    public void A_procedure_open_on_an_older_version_keeps_its_steps()
    {
        var openOnV1 = Applicant.And(new ProcedureStarted(A.ProcedureId, ProcedureKind.Identification, 1, D(2020, 9, 1)),
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Identification, 1, "Application", StepOutcome.Passed, D(2020, 9, 2), null, null));

        When(() => RecordStepDecision.Decide(new RecordStep(A.ProcedureId, "DistrictAnnouncement", StepOutcome.Passed, D(2020, 9, 3),
                new StepEvidence(DocumentRef: "文号"), null), openOnV1, Role.DistrictOfficer, Now, TwoVersions, Lines))
            .ThenRefused("procedure.step-out-of-order").Message.ShouldContain("HouseholdSurvey");

        When(() => RecordStepDecision.Decide(new RecordStep(A.ProcedureId, "HouseholdSurvey", StepOutcome.Passed, D(2020, 9, 3), null, null),
                openOnV1, Role.VillageClerk, Now, TwoVersions, Lines))
            .ThenSingle<ProcedureStepRecorded>().DefinitionVersion.ShouldBe(1);
    }

    [Fact]
    public void Exit_events_record_the_definition_version()
    {
        var poor = Given([A.Registered(HouseholdStatus.Poor, 2016), A.Income(4500), A.IncomeVerified(), .. A.AllGuaranteesResolved()]);
        var run = Run.Start(poor, ProcedureKind.Exit);

        run.PassAll();

        run.Events.OfType<HouseholdMarkedPreExit>().ShouldHaveSingleItem().DefinitionVersion.ShouldBe(3);
        run.Events.OfType<HouseholdExited>().ShouldHaveSingleItem().DefinitionVersion.ShouldBe(3);
    }

    private const string Valid = """
        [{ "kind": "Removal", "version": 1, "title": "t", "startGuards": ["removal.applicable"], "minimumPublicityDays": 7,
           "steps": [{ "name": "Only", "level": "District", "evidence": "None", "guards": ["removal.applicable"], "effect": "remove" }] }]
        """;

    [Fact]
    public void A_catalog_parses_from_json()
    {
        var definition = ProcedureCatalog.Parse(Valid).All.ShouldHaveSingleItem();

        definition.Kind.ShouldBe(ProcedureKind.Removal);
        definition.Steps.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            s => s.Level.ShouldBe(StepLevel.District),
            s => s.GuardNames().ShouldBe(["removal.applicable"]),
            s => s.Effect.ShouldBe("remove"));
    }

    [Fact]
    public void A_step_without_guards_has_none() =>
        new StepDefinition("Step", StepLevel.Village, EvidenceRule.None).GuardNames().ShouldBeEmpty();

    [Fact]
    public void An_unknown_start_guard_is_refused_when_the_catalog_loads() =>
        Should.Throw<InvalidOperationException>(() => ProcedureCatalog.Parse(Valid.Replace("\"startGuards\": [\"removal.applicable\"]", "\"startGuards\": [\"removal.whatever\"]")))
            .Message.ShouldContain("removal.whatever");

    [Fact]
    public void An_unknown_step_guard_is_refused_when_the_catalog_loads() =>
        Should.Throw<InvalidOperationException>(() => new ProcedureCatalog(
            [IdentificationV1 with { Steps = [new StepDefinition("Only", StepLevel.District, EvidenceRule.None, ["identification.typo"])] }]))
            .Message.ShouldContain("identification.typo");

    [Fact]
    public void An_unknown_effect_is_refused_when_the_catalog_loads() =>
        Should.Throw<InvalidOperationException>(() => ProcedureCatalog.Parse(Valid.Replace("\"effect\": \"remove\"", "\"effect\": \"vanish\"")))
            .Message.ShouldContain("vanish");

    [Fact]
    public void Every_guard_and_effect_of_the_default_catalog_is_known()
    {
        var guards = Catalog.All.SelectMany(d => d.StartGuards.Concat(d.Steps.SelectMany(s => s.GuardNames()))).Distinct();
        guards.ShouldAllBe(g => ProcedureRules.Guards.ContainsKey(g));
        Catalog.All.SelectMany(d => d.Steps).Select(s => s.Effect).OfType<string>().ShouldAllBe(e => ProcedureRules.Effects.ContainsKey(e));
    }

    [Fact]
    public void A_kind_without_a_definition_has_no_latest_version() =>
        Should.Throw<InvalidOperationException>(() => ProcedureCatalog.Parse(Valid).Latest(ProcedureKind.Exit));
}
