using System.Threading.Channels;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Registry.Projections.Audit;

/// <summary>
/// The audit trail's place in a rebuild's single pass over the log (<see cref="RegistryStore.OnePass"/>): it hands each page's
/// audited events, as the daemon read them with their headers, to <see cref="AuditTrailRebuild"/>, which makes the entries and
/// writes them by binary COPY beside the pass. The log is read and deserialised once for every read model and the trail.
/// Pages wait while the writer is a few behind; once the writer stops, a page is refused, and the pass with it.
/// </summary>
public sealed class AuditTrailTap : ProjectionBase, IProjection
{
    /// <summary>Its progress row, written by the pass for each page, is dropped with the pass's own when the rebuild ends.</summary>
    public const string TapName = "AuditTrailTap";

    private readonly Channel<IEvent[]> pages = Channel.CreateBounded<IEvent[]>(new BoundedChannelOptions(4) { SingleReader = true });

    public AuditTrailTap()
    {
        Name = TapName;
        foreach (var type in EventTypes.Names.Keys) IncludeType(type);
    }

    public ChannelReader<IEvent[]> Pages => pages.Reader;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var audited = events.Where(e => EventTypes.Names.ContainsKey(e.Data.GetType())).ToArray();
        if (audited.Length > 0) await pages.Writer.WriteAsync(audited, cancellation);
    }

    /// <summary>No more pages: the pass is over, or, with <paramref name="failure"/>, it or the writer failed.</summary>
    public void Finish(Exception? failure = null) => pages.Writer.TryComplete(failure);
}
