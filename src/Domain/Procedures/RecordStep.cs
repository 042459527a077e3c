using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Policy;

namespace Registry.Domain.Procedures;

public sealed record RecordStep(Guid ProcedureId, string Step, StepOutcome Outcome, DateOnly OccurredOn, StepEvidence? Evidence, string? Note);

public static class RecordStepDecision
{
    public static object[] Decide(RecordStep command, Household state, Role actor, DateTimeOffset now, ProcedureCatalog catalog, Func<int, PolicyLine?> lines)
    {
        HouseholdGuards.EnsureOpen(state);
        var open = state.FindProcedure(command.ProcedureId)
            ?? throw DomainRefusal.NotFound("procedure.not-found", "No open procedure with this id on this household.");
        var definition = catalog.Get(open.Kind, open.DefinitionVersion);
        var step = definition.Find(command.Step)
            ?? throw DomainRefusal.Invalid("step", "procedure.step-unknown", $"{open.Kind} v{definition.Version} has no step '{command.Step}'.");
        var expected = definition.After(open.Steps.Count)!;
        if (step.Name != expected.Name)
            throw DomainRefusal.Rule("procedure.step-out-of-order", $"The next step of this {open.Kind} procedure is {expected.Name}, not {step.Name}.");
        if (!AccessPolicy.RolesAt(step.Level).Contains(actor))
            throw DomainRefusal.Forbidden("procedure.step-role", $"{step.Name} is a {step.Level.ToString().ToLowerInvariant()} step; {actor} may not record it.");

        var errors = new Errors();
        Text.NotInFuture(errors, "occurredOn", command.OccurredOn, now);
        Text.Optional(errors, "note", command.Note, 2000);
        CheckEvidence(errors, step, command);
        errors.ThrowIfAny();
        if (command.OccurredOn < open.LastDate())
            throw DomainRefusal.Rule("procedure.step-date-before-previous", $"{step.Name} cannot be dated before {open.LastDate():yyyy-MM-dd}.");
        if (step.Evidence == EvidenceRule.Appraisal && command.Outcome == StepOutcome.Passed && command.Evidence!.VotesFor <= command.Evidence.VotesAgainst)
            throw DomainRefusal.Rule("procedure.appraisal-not-carried", "A passed appraisal needs more votes for than against.");
        if (step.Evidence == EvidenceRule.Publicity && PublicityDays(command.Evidence!) < definition.MinimumPublicityDays)
            throw DomainRefusal.Rule("procedure.publicity-too-short", $"Publicity must last at least {definition.MinimumPublicityDays} days.");

        var recorded = new ProcedureStepRecorded(open.ProcedureId, open.Kind, definition.Version, step.Name, command.Outcome,
            command.OccurredOn, command.Evidence, Text.Clean(command.Note));
        if (command.Outcome == StepOutcome.Rejected)
            return [recorded, new ProcedureClosed(open.ProcedureId, open.Kind, ProcedureClosure.Rejected, command.OccurredOn)];

        var context = new RuleContext(state, open.ProcedureId, definition, command.OccurredOn, lines(command.OccurredOn.Year));
        foreach (var guard in step.GuardNames())
            if (ProcedureRules.Guards[guard](context) is { } refusal) throw refusal;
        var events = new List<object> { recorded };
        if (step.Effect is { } effect) events.AddRange(ProcedureRules.Effects[effect](context));
        if (definition.After(open.Steps.Count + 1) is null)
            events.Add(new ProcedureClosed(open.ProcedureId, open.Kind, ProcedureClosure.Completed, command.OccurredOn));
        return [.. events];
    }

    /// <summary>Publicity is counted in calendar days, both ends included (公示7天: 13th to 19th).</summary>
    public static int PublicityDays(StepEvidence evidence) => evidence.PublicityTo!.Value.DayNumber - evidence.PublicityFrom!.Value.DayNumber + 1;

    private static void CheckEvidence(Errors errors, StepDefinition step, RecordStep command)
    {
        var evidence = command.Evidence;
        switch (step.Evidence)
        {
            case EvidenceRule.Appraisal:
                if (evidence?.Attendees is not > 0) errors.Add("evidence.attendees", "procedure.evidence.attendees-required", "An appraisal records how many attended.");
                if (evidence?.VotesFor is not >= 0 || evidence.VotesAgainst is not >= 0)
                    errors.Add("evidence.votes", "procedure.evidence.votes-required", "An appraisal records the votes for and against.");
                else if (evidence.Attendees is > 0 && evidence.VotesFor + evidence.VotesAgainst > evidence.Attendees)
                    errors.Add("evidence.votes", "procedure.evidence.votes-exceed-attendees", "More votes than attendees.");
                break;
            case EvidenceRule.Publicity:
                if (evidence?.PublicityFrom is not { } from || evidence.PublicityTo is not { } to)
                    errors.Add("evidence.publicity", "procedure.evidence.publicity-required", "A publicity step records its from and to dates.");
                else if (to < from)
                    errors.Add("evidence.publicityTo", "procedure.evidence.publicity-order", "Publicity cannot end before it starts.");
                else if (to > command.OccurredOn)
                    errors.Add("evidence.publicityTo", "procedure.evidence.publicity-not-ended", "Publicity must have ended by the step's date.");
                break;
            case EvidenceRule.Document:
                if (command.Outcome == StepOutcome.Passed && string.IsNullOrWhiteSpace(evidence?.DocumentRef))
                    errors.Add("evidence.documentRef", "procedure.evidence.document-required", $"{step.Name} records the reference of its document.");
                break;
        }
        Text.Optional(errors, "evidence.documentRef", evidence?.DocumentRef, 200);
    }
}
