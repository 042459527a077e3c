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

    public ProcedureQueue Apply(ProcedureStarted e, ProcedureQueue queue) => queue with { Open = queue.Open.With(e) };

    public ProcedureQueue Apply(ProcedureStepRecorded e, ProcedureQueue queue) => queue with { Open = queue.Open.With(e) };

    public ProcedureQueue Apply(ProcedureClosed e, ProcedureQueue queue) => queue with { Open = queue.Open.With(e) };
}
