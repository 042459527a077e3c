using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>
/// One open procedure as a row of its unit's work queue: the queue is paged, sorted and counted in the database by these
/// rows' own columns, so a page costs the same in a village and in a district.
/// </summary>
public sealed record ProcedureWork(Guid Id, Guid HouseholdId, string VillageCode, QueuedProcedure Procedure)
{
    public DateOnly LastStepOn => Procedure.LastStepOn;

    public ProcedureKind Kind => Procedure.Kind;

    public string? NextStep => Procedure.NextStep;
}
