using Marten;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>Refuses to commit an event that did not pass through <see cref="EventChain"/>: no append can skip the stamp.</summary>
public sealed class UnchainedEventGuard : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
            if (stream.Events.FirstOrDefault(e => !EventChain.IsChained(e)) is { } e)
                throw new InvalidOperationException($"Event {e.EventTypeName} on stream {stream.Id} was not stamped and chained (EventChain.StampPending).");
        return Task.CompletedTask;
    }
}
