using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Registry.Projections.Households;
using Registry.Projections.Policy;
using Registry.Projections.Quality;
using Registry.Projections.Submissions;

namespace Registry.Projections;

/// <summary>The head of a stream's hash chain as the write side of the stream keeps it.</summary>
public interface IChainHead
{
    long Version { get; }

    string? LastHash { get; }

    /// <summary>The unit the stream belongs to: whose office answers for it.</summary>
    string UnitCode { get; }
}

/// <summary>
/// Every kind of stream the registry keeps, named by its write side's type (a household's inline snapshot, the others folded
/// live): how to read the chain head of a stream of that kind, and the unit a new stream belongs to, from its first event.
/// </summary>
public static class ChainHeads
{
    private sealed record Kind(Func<IQuerySession, Guid, CancellationToken, Task<IChainHead?>> Load, Func<Guid, IEvent, IChainHead?> First);

    private static readonly Kind Households = new(async (s, id, ct) => await s.LoadAsync<HouseholdSnapshot>(id, ct),
        (id, e) => HouseholdSnapshotProjection.Next(null, id, 0, e.Data, null));

    private static readonly IReadOnlyDictionary<Type, Kind> Kinds = new Dictionary<Type, Kind>
    {
        [typeof(HouseholdSnapshot)] = Households,
        // A household's stream is started under its read model's type, the stream type every household stream has carried.
        [typeof(HouseholdDetails)] = Households,
        [typeof(SubmissionAggregate)] = Folded(new SubmissionAggregateProjection()),
        [typeof(ProblemAggregate)] = Folded(new ProblemAggregateProjection()),
        [typeof(PolicyLinesAggregate)] = Folded(new PolicyLinesAggregateProjection()),
        [typeof(Org.OrgUnitAggregate)] = Folded(new Org.OrgUnitAggregateProjection()),
    };

    /// <summary>A kind whose write side is folded live: its head is the stream folded anew, a new stream's unit its first event folded.</summary>
    private static Kind Folded<TAggregate>(SingleStreamProjection<TAggregate, Guid> fold) where TAggregate : class, IChainHead =>
        new(async (s, id, ct) => await s.Events.AggregateStreamAsync<TAggregate>(id, token: ct), (id, e) => fold.Evolve(null, id, e));

    /// <summary>
    /// The chain head of a stream before the events pending on it: the stored snapshot or the stream folded anew, none for a
    /// new stream.
    /// </summary>
    public static async Task<IChainHead?> Current(IQuerySession session, StreamAction stream, CancellationToken ct) =>
        stream.ActionType == StreamActionType.Start ? null : await KindOf(stream).Load(session, stream.Id, ct);

    /// <summary>The unit of a new stream, from its first event.</summary>
    public static string UnitOfNew(StreamAction stream) =>
        KindOf(stream).First(stream.Id, stream.Events[0])?.UnitCode
        ?? throw new InvalidOperationException($"The first event of stream {stream.Id} ({stream.Events[0].EventTypeName}) does not open it.");

    private static Kind KindOf(StreamAction stream) =>
        stream.AggregateType is { } type && Kinds.TryGetValue(type, out var kind)
            ? kind
            : throw new InvalidOperationException($"Stream {stream.Id} was appended to without naming its kind; start or fetch it with its snapshot type.");
}
