using System.Text.Json.Serialization;
using Registry.Domain.Campaigns;
using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

public sealed record QueuedProcedure(Guid ProcedureId, ProcedureKind Kind, int DefinitionVersion, DateOnly StartedOn, int StepsDone,
    string? NextStep, StepLevel? NextLevel, DateOnly LastStepOn)
{
    /// <summary>When the next step is due by the calendar of the year the procedure started; null when undated.</summary>
    [JsonIgnore]
    public DateOnly? DueOn => Overdue.StepDueOn(Kind, NextStep, StartedOn);
}

/// <summary>A household's open procedures: the work queue of whoever must take each next step.</summary>
public sealed record ProcedureQueue(Guid Id, string VillageCode, string HeadName, IReadOnlyList<QueuedProcedure> Open)
{
    public IReadOnlyList<ProcedureKind> Kinds => Open.Select(p => p.Kind).ToList();

    public IReadOnlyList<string> NextSteps => Open.Select(p => p.NextStep).OfType<string>().ToList();

    public bool HasOpen => Open.Count > 0;
}
