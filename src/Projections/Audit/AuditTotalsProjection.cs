using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Marten;

namespace Registry.Projections.Audit;

/// <summary>
/// The audit trail's totals counted for a rebuild, in the pass over the log: there the trail's entries go in alone by binary
/// COPY, which any other statement in their page would turn back into a statement per row. Live, <see cref="AuditProjection"/>
/// adds them itself.
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
