using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Marten;

namespace Registry.Projections.Audit;

/// <summary>
/// Asynchronous like the trail it counts: every event is one <see cref="AuditEntry"/> in the unit it was stamped with, so a
/// page of events adds its count per unit. A rebuild empties the table first.
/// </summary>
public sealed class AuditTotalsProjection : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        AuditTotals.Table.Add(operations, events
            .Where(e => EventTypes.Names.ContainsKey(e.Data.GetType()))
            .GroupBy(e => (EventMetadata.Header(e, EventMetadata.Unit) ?? "", AuditTotals.Kind))
            .Select(g => KeyValuePair.Create(g.Key, (long)g.Count())));
        return Task.CompletedTask;
    }
}
