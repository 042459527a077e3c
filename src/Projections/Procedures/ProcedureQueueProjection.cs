using Marten.Events.Aggregation;
using Registry.Domain.Households;
using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>Asynchronous: the queue tolerates a moment's lag, and keeping it off the write path keeps commands fast.</summary>
public sealed partial class ProcedureQueueProjection : SingleStreamProjection<ProcedureQueue, Guid>
{
    public static ProcedureQueue Create(HouseholdRegistered e) =>
        new(e.HouseholdId, e.VillageCode, e.Members.FirstOrDefault(m => m.Facts.Relation == Relation.Head)?.Facts.Name ?? "", []);

    public static ProcedureQueue Create(HouseholdSplitFrom e) =>
        new(e.HouseholdId, e.VillageCode, e.Members.FirstOrDefault(m => m.Facts.Relation == Relation.Head)?.Facts.Name ?? "", []);

    public ProcedureQueue Apply(ProcedureStarted e, ProcedureQueue queue)
    {
        var first = ProcedureCatalog.Default.Get(e.Kind, e.DefinitionVersion).Steps[0];
        return queue with { Open = [.. queue.Open, new QueuedProcedure(e.ProcedureId, e.Kind, e.DefinitionVersion, e.StartedOn, 0, first.Name, first.Level, e.StartedOn)] };
    }

    public ProcedureQueue Apply(ProcedureStepRecorded e, ProcedureQueue queue) => queue with
    {
        Open = queue.Open.Select(p =>
        {
            if (p.ProcedureId != e.ProcedureId) return p;
            var next = ProcedureCatalog.Default.Get(p.Kind, p.DefinitionVersion).After(p.StepsDone + 1);
            return p with { StepsDone = p.StepsDone + 1, NextStep = next?.Name, NextLevel = next?.Level, LastStepOn = e.OccurredOn };
        }).ToList(),
    };

    public ProcedureQueue Apply(ProcedureClosed e, ProcedureQueue queue) =>
        queue with { Open = queue.Open.Where(p => p.ProcedureId != e.ProcedureId).ToList() };
}
