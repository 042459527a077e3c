using JasperFx.Events;
using Marten;
using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>
/// Asynchronous like the queue it counts (<see cref="ProcedureWorkProjection"/>): a procedure counts in the village its start was
/// stamped with, from its start to its close.
/// </summary>
public sealed class ProcedureTotalsProjection() : UnitCountsProjection(ProcedureTotals.Name, ProcedureTotals.Table, typeof(ProcedureStarted), typeof(ProcedureClosed))
{
    protected override Task<IEnumerable<KeyValuePair<(string Village, string Kind), long>>> Differences(IDocumentOperations operations,
        IReadOnlyList<IEvent> events, CancellationToken ct) =>
        Task.FromResult(events
            .Select(e => e.Data switch
            {
                ProcedureStarted started => (Event: e, Kind: (ProcedureKind?)started.Kind, Difference: 1L),
                ProcedureClosed closed => (Event: e, Kind: closed.Kind, Difference: -1L),
                _ => (Event: e, Kind: null, Difference: 0L),
            })
            .Where(c => c.Kind is not null)
            .GroupBy(c => (EventMetadata.Header(c.Event, EventMetadata.Unit) ?? "", c.Kind!.Value.ToString()))
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Difference))));
}
