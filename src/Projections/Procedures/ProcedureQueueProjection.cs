using Registry.Domain.Households;
using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>Asynchronous: the queue tolerates a moment's lag, and keeping it off the write path keeps commands fast.</summary>
public sealed class ProcedureQueueProjection : ChangedRowProjection<ProcedureQueue>
{
    public ProcedureQueueProjection()
    {
        IncludeType<HouseholdRegistered>();
        IncludeType<HouseholdSplitFrom>();
        IncludeType<ProcedureStarted>();
        IncludeType<ProcedureStepRecorded>();
        IncludeType<ProcedureClosed>();
    }

    protected override ProcedureQueue? Next(ProcedureQueue? queue, object e) => (queue, e) switch
    {
        (null, HouseholdRegistered r) => New(r.HouseholdId, r.VillageCode, r.Members),
        (null, HouseholdSplitFrom s) => New(s.HouseholdId, s.VillageCode, s.Members),
        (null, _) => null,
        (_, ProcedureStarted p) => queue with { Open = queue.Open.With(p) },
        (_, ProcedureStepRecorded p) => queue with { Open = queue.Open.With(p) },
        (_, ProcedureClosed p) => queue with { Open = queue.Open.With(p) },
        _ => queue,
    };

    private static ProcedureQueue New(Guid id, string villageCode, IReadOnlyList<RegisteredMember> members) =>
        new(id, villageCode, members.FirstOrDefault(m => m.Facts.Relation == Relation.Head)?.Facts.Name ?? "", []);
}
