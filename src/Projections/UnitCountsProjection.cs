using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Registry.Projections;

/// <summary>
/// Counts kept per village and kind in a <see cref="UnitTotals"/> table, from only the kinds of event named: a rebuild reads
/// nothing else from the log. A projection says what a page of those events adds to which counts.
/// </summary>
public abstract class UnitCountsProjection : ProjectionBase, IProjection
{
    private readonly UnitTotals table;

    protected UnitCountsProjection(string name, UnitTotals table, params Type[] events)
    {
        Name = name;
        this.table = table;
        foreach (var type in events) IncludeType(type);
    }

    /// <remarks>
    /// The daemon gives a projection on an agent of its own only the kinds named; a composite (the rebuild's single pass) gives
    /// each of its projections every event of the page, so the kinds are picked here.
    /// </remarks>
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var named = events.Where(e => IncludedEventTypes.Contains(e.EventType)).ToList();
        if (named.Count > 0) table.Add(operations, await Differences(operations, named, cancellation));
    }

    /// <param name="operations">Where a projection that remembers what it counted stores that beside the counts.</param>
    protected abstract Task<IEnumerable<KeyValuePair<(string Village, string Kind), long>>> Differences(IDocumentOperations operations,
        IReadOnlyList<IEvent> events, CancellationToken ct);

    /// <summary>Adds <paramref name="n"/> to one village's count of one kind among a page's differences.</summary>
    protected static void Add(Dictionary<(string Village, string Kind), long> differences, string village, string kind, long n) =>
        differences[(village, kind)] = differences.GetValueOrDefault((village, kind)) + n;
}
