using Registry.Domain.Procedures;

namespace Registry.Demo;

/// <summary>How far a procedure has gone: the steps passed, and whether the next one was rejected (which closes it).</summary>
public sealed record DemoStage(int StepsPassed, bool Rejected)
{
    public bool IsCompleted(ProcedureDefinition definition) => !Rejected && StepsPassed == definition.Steps.Count;

    /// <summary>Every state a procedure of this definition can be left in: each step as the next one, completed, rejected.</summary>
    public static IEnumerable<DemoStage> AllOf(ProcedureDefinition definition) =>
        Enumerable.Range(0, definition.Steps.Count + 1).Select(n => new DemoStage(n, false)).Append(new DemoStage(1, true));

    public static DemoStage Any(ProcedureDefinition definition, Random random) => random.Weighted([50, 40, 10]) switch
    {
        0 => new DemoStage(definition.Steps.Count, false),
        1 => new DemoStage(random.Next(definition.Steps.Count), false),
        _ => new DemoStage(random.Next(definition.Steps.Count), true),
    };
}

/// <summary>
/// Opens a procedure of the latest definition and takes its steps up to a stage, each by a role of the step's level,
/// with the evidence the step's rule asks for: appraisal votes, publicity of the minimum length, a document reference.
/// </summary>
public sealed class DemoProcedures(Random random, string townName)
{
    private int _documents;

    /// <returns>The date of the last step taken, or the start date.</returns>
    public DateOnly Run(List<DemoAction> actions, ProcedureKind kind, DemoStage stage, DateOnly startedOn)
    {
        var definition = ProcedureCatalog.Default.Latest(kind);
        var procedureId = random.NextGuid();
        actions.Add(new DemoAction(DemoActor.At(definition.Steps[0].Level), new StartProcedure(procedureId, kind, startedOn)));
        var date = startedOn;
        var taken = stage.Rejected ? stage.StepsPassed + 1 : stage.StepsPassed;
        for (var i = 0; i < Math.Min(taken, definition.Steps.Count); i++)
        {
            var step = definition.Steps[i];
            var rejected = stage.Rejected && i == stage.StepsPassed;
            StepEvidence? evidence;
            (date, evidence) = Evidence(step, date, rejected, definition.MinimumPublicityDays);
            actions.Add(new DemoAction(DemoActor.At(step.Level), new RecordStep(procedureId, step.Name,
                rejected ? StepOutcome.Rejected : StepOutcome.Passed, date, evidence, rejected ? RejectionNote(step) : null)));
        }
        return date;
    }

    private (DateOnly, StepEvidence?) Evidence(StepDefinition step, DateOnly previous, bool rejected, int publicityDays)
    {
        switch (step.Evidence)
        {
            case EvidenceRule.Publicity:
                var from = previous.AddDays(1);
                var to = random.DaysAfter(from, publicityDays - 1, publicityDays + 1);
                return (random.DaysAfter(to, 0, 2), new StepEvidence(PublicityFrom: from, PublicityTo: to));
            case EvidenceRule.Appraisal:
                var attendees = random.Next(18, 61);
                var against = rejected ? attendees - random.Next(2, 7) - random.Next(0, 3) : random.Next(0, 4);
                var votesFor = rejected ? attendees - against - random.Next(0, 3) : attendees - against - random.Next(0, 4);
                return (random.DaysAfter(previous, 1, 7), new StepEvidence(attendees, votesFor, against));
            case EvidenceRule.Document:
                var year = previous.Year;
                var issuer = step.Level == StepLevel.Town ? $"{townName[..Math.Min(2, townName.Length)]}府扶" : "区扶贫办";
                return (random.DaysAfter(previous, 1, 7), new StepEvidence(DocumentRef: $"{issuer}发〔{year}〕{++_documents}号"));
            default:
                return (random.DaysAfter(previous, 1, 7), null);
        }
    }

    private static string RejectionNote(StepDefinition step) => step.Evidence switch
    {
        EvidenceRule.Appraisal => "评议未通过，群众对家庭收入情况有异议",
        EvidenceRule.Publicity => "公示期间收到异议，经核实暂不符合条件",
        _ => "审核未通过：经核实暂不符合条件，退回村级重新核查",
    };
}
