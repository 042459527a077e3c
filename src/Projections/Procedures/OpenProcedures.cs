using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>How a procedure's place in a work queue moves with its events: one rule for every view that keeps open procedures.</summary>
public static class OpenProcedures
{
    public static QueuedProcedure Started(ProcedureStarted e)
    {
        var first = ProcedureCatalog.Default.Get(e.Kind, e.DefinitionVersion).Steps[0];
        return new QueuedProcedure(e.ProcedureId, e.Kind, e.DefinitionVersion, e.StartedOn, 0, first.Name, first.Level, e.StartedOn);
    }

    public static QueuedProcedure Advanced(QueuedProcedure p, ProcedureStepRecorded e)
    {
        var next = ProcedureCatalog.Default.Get(p.Kind, p.DefinitionVersion).After(p.StepsDone + 1);
        return p with { StepsDone = p.StepsDone + 1, NextStep = next?.Name, NextLevel = next?.Level, LastStepOn = e.OccurredOn };
    }

    public static IReadOnlyList<QueuedProcedure> With(this IReadOnlyList<QueuedProcedure> open, ProcedureStarted e) => [.. open, Started(e)];

    public static IReadOnlyList<QueuedProcedure> With(this IReadOnlyList<QueuedProcedure> open, ProcedureStepRecorded e) =>
        open.Select(p => p.ProcedureId == e.ProcedureId ? Advanced(p, e) : p).ToList();

    public static IReadOnlyList<QueuedProcedure> With(this IReadOnlyList<QueuedProcedure> open, ProcedureClosed e) =>
        open.Where(p => p.ProcedureId != e.ProcedureId).ToList();
}
