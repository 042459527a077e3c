using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Households;

namespace Registry.Projections.Audit;

/// <summary>
/// Asynchronous: the audit trail is read by inspectors, never in the writer's own request, and the daemon gives it the
/// global sequence. Rebuildable at any time from the log. One new entry per event, never changed, so a page of events is
/// written as one statement of all its entries: a row each inserted by its own statement cost PostgreSQL about five times
/// the row's own work (docs/benchmarks.md, §1). The trail's totals per unit (<see cref="AuditTotals"/>) are added in the
/// same transaction, from the same page: the list's count never disagrees with its rows, and the log is read once for both.
/// </summary>
public sealed class AuditProjection : ProjectionBase, IProjection
{
    /// <summary>
    /// The name the trail's progress has been kept under since it began (its class's full name, as Marten named it when it
    /// was an event projection): under any other name the daemon would write the whole trail again.
    /// </summary>
    public const string ProjectionName = "Registry.Projections.Audit.AuditProjection";

    public AuditProjection()
    {
        Name = ProjectionName;
        foreach (var type in EventTypes.Names.Keys) IncludeType(type);
    }

    /// <summary>A rebuild clears the trail and its totals before writing them again.</summary>
    public static Action<AsyncOptions> Teardown(string schema) => options =>
    {
        options.DeleteViewTypeOnTeardown<AuditEntry>();
        AuditTotals.Table.Teardown(schema)(options);
    };

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var entries = events.Where(e => EventTypes.Names.ContainsKey(e.Data.GetType())).Select(Entry).ToList();
        if (entries.Count == 0) return;
        // Marten makes a document's table before it writes the document; this statement writes the table by itself.
        await operations.Database.EnsureStorageExistsAsync(typeof(AuditEntry), cancellation);
        var options = operations.DocumentStore.Options;
        var serializer = options.Serializer();
        operations.QueueSqlCommand(
            $"insert into {options.Schema.For<AuditEntry>()} (id, data, mt_dotnet_type, unit_code) " +
            "select id, data, ?, unit_code from unnest(?, ?::jsonb[], ?) as page(id, data, unit_code)",
            typeof(AuditEntry).FullName!,
            entries.Select(a => a.Id).ToArray(),
            entries.Select(a => serializer.ToJson(a)).ToArray(),
            entries.Select(a => a.UnitCode).ToArray());
        AuditTotals.Table.Add(operations, entries.GroupBy(a => (a.UnitCode, AuditTotals.Kind)).Select(g => KeyValuePair.Create(g.Key, (long)g.Count())));
    }

    /// <summary>The entry of one event: the live trail's and its rebuild's (<see cref="AuditTrailRebuild"/>).</summary>
    internal static AuditEntry Entry(IEvent e)
    {
        var (zh, en) = EventSummaries.Describe(e.Data);
        return new AuditEntry(
            e.Id,
            e.Sequence,
            e.StreamId,
            EventTypes.SubjectOf(e.Data.GetType()),
            e.Version,
            EventMetadata.Header(e, EventMetadata.Unit) ?? "",
            e.EventTypeName,
            e.Timestamp,
            // The trail is read in views that may not show birth dates (inspectors, departments).
            EventFacts.EffectiveOnShown(e.Data, birthDatesShown: false),
            EventMetadata.Header(e, EventMetadata.UserId),
            EventMetadata.Header(e, EventMetadata.UserName),
            EventMetadata.Header(e, EventMetadata.Role),
            EventMetadata.Header(e, EventMetadata.Org),
            EventMetadata.Header(e, EventMetadata.Reason),
            e.CorrelationId,
            zh,
            en);
    }
}
