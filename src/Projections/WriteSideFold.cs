using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Registry.Projections;

/// <summary>The write side of a stream: the state its commands decide on, with the stream's version and chain head.</summary>
public interface IWriteSide<out TState> : IChainHead
{
    TState State { get; }
}

/// <summary>
/// Folds the write side of a short stream from its events at each fetch for writing (registered live, so it keeps no
/// document): the state by the domain's own evolve, the version and the chain head from each event.
/// </summary>
public abstract class WriteSideFold<TAggregate, TState>(Func<TState?, object, TState?> evolve, Func<Guid, long, TState, string?, TAggregate> make)
    : SingleStreamProjection<TAggregate, Guid>
    where TAggregate : class, IWriteSide<TState>
    where TState : class
{
    public override TAggregate? Evolve(TAggregate? snapshot, Guid id, IEvent e) =>
        evolve(snapshot?.State, e.Data) is { } state ? make(id, e.Version, state, EventMetadata.HashOf(e) ?? snapshot?.LastHash) : snapshot;
}
