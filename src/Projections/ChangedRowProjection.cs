using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Aggregation;

namespace Registry.Projections;

/// <summary>
/// A household's row folded one event at a time, stored only when an event changed it: most events change nothing it shows,
/// and in the rebuild's single pass (a composite) it is given every event of the page, not only the kinds it names.
/// </summary>
public abstract class ChangedRowProjection<TRow> : SingleStreamProjection<TRow, Guid> where TRow : class
{
    /// <summary>The row after one event; the same instance when the event changes nothing it shows, null before the household.</summary>
    protected abstract TRow? Next(TRow? row, object e);

    public sealed override (TRow?, ActionType) DetermineAction(TRow? snapshot, Guid identity, IReadOnlyList<IEvent> events)
    {
        var row = events.Aggregate(snapshot, (current, e) => Next(current, e.Data));
        return row is null || ReferenceEquals(row, snapshot) ? (row, ActionType.Nothing) : (row, ActionType.Store);
    }
}
