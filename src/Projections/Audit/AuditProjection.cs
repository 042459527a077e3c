using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Households;

namespace Registry.Projections.Audit;

/// <summary>
/// Asynchronous: the audit trail is read by inspectors, never in the writer's own request, and the
/// daemon gives it the global sequence. Rebuildable at any time from the log. One new entry per event, never changed, so
/// a rebuild's pages are pure inserts and Marten writes them with binary COPY.
/// </summary>
public sealed partial class AuditProjection : EventProjection
{
    public AuditProjection()
    {
        foreach (var type in EventTypes.Names.Keys) IncludeType(type);
        // Declared so that a rebuild clears the trail before writing it again.
        RegisterPublishedType(typeof(AuditEntry));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var (zh, en) = EventSummaries.Describe(e.Data);
        var subject = EventTypes.SubjectOf(e.Data.GetType());
        operations.Insert(new AuditEntry(
            e.Id,
            e.Sequence,
            e.StreamId,
            subject,
            e.Version,
            EventMetadata.Header(e, EventMetadata.Unit) ?? "",
            e.EventTypeName,
            e.Timestamp,
            EventFacts.EffectiveOn(e.Data),
            EventMetadata.Header(e, EventMetadata.UserId),
            EventMetadata.Header(e, EventMetadata.UserName),
            EventMetadata.Header(e, EventMetadata.Role),
            EventMetadata.Header(e, EventMetadata.Org),
            EventMetadata.Header(e, EventMetadata.Reason),
            e.CorrelationId,
            zh,
            en));
        return ValueTask.CompletedTask;
    }
}
