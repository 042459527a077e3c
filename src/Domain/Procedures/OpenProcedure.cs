using System.Collections.Immutable;

namespace Registry.Domain.Procedures;

public sealed record RecordedStep(string Step, StepOutcome Outcome, DateOnly OccurredOn);

public sealed record OpenProcedure(
    Guid ProcedureId,
    ProcedureKind Kind,
    int DefinitionVersion,
    DateOnly StartedOn,
    ImmutableList<RecordedStep> Steps)
{
    public DateOnly LastDate() => Steps.Count == 0 ? StartedOn : Steps[^1].OccurredOn;
}
