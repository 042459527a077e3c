namespace Registry.Domain.Tests.Specs;

/// <summary>
/// Drives one procedure through its steps: each passed step is decided with valid evidence by a role of the
/// step's level, one day after the previous step (a publicity step a week after it, the publicity covering that week),
/// and folded into the state.
/// </summary>
public sealed class Run
{
    public static readonly DateOnly DefaultStart = new(2020, 10, 1);

    private Run(Household state, Guid procedureId, ProcedureKind kind, ProcedureCatalog catalog, Func<int, PolicyLine?> lines, object[] started)
    {
        State = state;
        ProcedureId = procedureId;
        Kind = kind;
        Catalog = catalog;
        Lines = lines;
        Events.AddRange(started);
        if (Events is not [ProcedureStarted]) throw new InvalidOperationException("A run begins with ProcedureStarted.");
    }

    public Household State { get; private set; }
    public Guid ProcedureId { get; }
    public ProcedureKind Kind { get; }
    public ProcedureCatalog Catalog { get; }
    public Func<int, PolicyLine?> Lines { get; }

    /// <summary>Every event of the procedure so far, start included.</summary>
    public List<object> Events { get; } = [];

    public OpenProcedure Open => State.FindProcedure(ProcedureId) ?? throw new InvalidOperationException("The procedure is closed.");
    public ProcedureDefinition Definition => Catalog.Get(Kind, ((ProcedureStarted)Events[0]).DefinitionVersion);
    public StepDefinition NextStep => Definition.After(Open.Steps.Count) ?? throw new InvalidOperationException("No step left.");
    public DateOnly LastDate => Open.LastDate();

    /// <summary>The date of the last step recorded, also once the procedure is closed.</summary>
    public DateOnly LastDateOfLastStep() => Events.OfType<ProcedureStepRecorded>().Last().OccurredOn;

    public static Run Start(Household state, ProcedureKind kind, DateOnly? on = null, ProcedureCatalog? catalog = null,
        Func<int, PolicyLine?>? lines = null, Guid? procedureId = null)
    {
        catalog ??= Spec.Catalog;
        lines ??= Spec.Lines;
        var id = procedureId ?? A.ProcedureId;
        var events = StartProcedureDecision.Decide(new StartProcedure(id, kind, on ?? DefaultStart), state, Spec.Now, catalog, lines);
        return new Run(state.And(events), id, kind, catalog, lines, events);
    }

    /// <summary>A run of a procedure started earlier, on whatever version of its definition it started on.</summary>
    public static Run Resume(Household state, ProcedureStarted started) =>
        new(state.And(started), started.ProcedureId, started.Kind, Spec.Catalog, Spec.Lines, [started]);

    public static Role RoleAt(StepLevel level) => level switch
    {
        StepLevel.Village => Role.VillageClerk,
        StepLevel.Town => Role.TownOfficer,
        _ => Role.DistrictOfficer,
    };

    public DateOnly DefaultDate(StepDefinition step) => LastDate.AddDays(step.Evidence == EvidenceRule.Publicity ? 7 : 1);

    public static StepEvidence? ValidEvidence(StepDefinition step, DateOnly on) => step.Evidence switch
    {
        EvidenceRule.Appraisal => new StepEvidence(Attendees: 30, VotesFor: 25, VotesAgainst: 3),
        EvidenceRule.Publicity => new StepEvidence(PublicityFrom: on.AddDays(-7), PublicityTo: on),
        EvidenceRule.Document => new StepEvidence(DocumentRef: "万州扶贫办〔2020〕12号"),
        _ => null,
    };

    /// <summary>Decides the next step (or the named one) without folding it; anything not given is valid.</summary>
    public Outcome Step(string? step = null, StepOutcome outcome = StepOutcome.Passed, Role? actor = null, DateOnly? on = null,
        StepEvidence? evidence = null, bool noEvidence = false, string? note = null, Household? state = null)
    {
        var definition = step is null ? NextStep : Definition.Find(step) ?? NextStep;
        var date = on ?? DefaultDate(definition);
        var command = new RecordStep(ProcedureId, step ?? definition.Name, outcome, date,
            noEvidence ? null : evidence ?? ValidEvidence(definition, date), note);
        return Spec.When(() => RecordStepDecision.Decide(command, state ?? State, actor ?? RoleAt(definition.Level), Spec.Now, Catalog, Lines));
    }

    /// <summary>Records and folds the next step as passed.</summary>
    public object[] Pass()
    {
        var events = Step().Events;
        Fold(events);
        return events;
    }

    /// <summary>Passes every step before the named one.</summary>
    public Run PassUntil(string step)
    {
        if (Definition.Find(step) is null) throw new ArgumentException($"{Kind} has no step {step}.", nameof(step));
        while (NextStep.Name != step) Pass();
        return this;
    }

    /// <summary>Passes every remaining step; returns the events of the last one.</summary>
    public object[] PassAll()
    {
        object[] last = [];
        while (State.FindProcedure(ProcedureId) is not null) last = Pass();
        return last;
    }

    public Run Fold(params object[] events)
    {
        State = State.And(events);
        Events.AddRange(events);
        return this;
    }

    /// <summary>Changes the household beside the procedure (e.g. a guarantee certified between steps).</summary>
    public Run Meanwhile(params object[] events)
    {
        State = State.And(events);
        return this;
    }
}
