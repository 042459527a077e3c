using JasperFx.Events;
using Marten.Events.Projections;
using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>
/// Asynchronous, a row per open procedure, gone when it closes. The household's unit comes from the unit every household
/// event is stamped with, so the row needs nothing but the procedure's own events.
/// </summary>
public sealed partial class ProcedureWorkProjection : MultiStreamProjection<ProcedureWork, Guid>
{
    public ProcedureWorkProjection()
    {
        Identity<ProcedureStarted>(e => e.ProcedureId);
        Identity<ProcedureStepRecorded>(e => e.ProcedureId);
        Identity<ProcedureClosed>(e => e.ProcedureId);
    }

    public static ProcedureWork Create(IEvent<ProcedureStarted> e) =>
        new(e.Data.ProcedureId, e.StreamId, EventMetadata.Header(e, EventMetadata.Unit) ?? "", OpenProcedures.Started(e.Data));

    public ProcedureWork Apply(ProcedureStepRecorded e, ProcedureWork work) => work with { Procedure = OpenProcedures.Advanced(work.Procedure, e) };

    public bool ShouldDelete(ProcedureClosed e) => true;
}
