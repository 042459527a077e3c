using System.Diagnostics.CodeAnalysis;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Fetching;
using Marten.Internal.Sessions;
using Marten.Linq.QueryHandlers;

namespace Registry.Projections.Households;

/// <summary>
/// <c>FetchForWriting&lt;HouseholdSnapshot&gt;</c> (what Wolverine's <c>[WriteAggregate]</c> calls) from the node's
/// <see cref="SnapshotCache"/> when it holds the household: no read at all, the append carrying the cached version as its
/// expected version (checked even when the decision appends nothing), so the command's only round trips are its write batch
/// and its commit. On a miss, and for everything else, Marten's own plan for an inline aggregate; the cache is filled only
/// after commits (<see cref="SnapshotCache.AfterCommit"/>).
/// </summary>
public sealed class CachedSnapshotFetch(SnapshotCache cache) : IFetchPlanner
{
    // Marten's planner for inline aggregates is internal; this plan wraps what it would have answered.
    private static readonly IFetchPlanner Inline = (IFetchPlanner)Activator.CreateInstance(
        typeof(IFetchPlanner).Assembly.GetType("Marten.Events.Fetching.InlineFetchPlanner", throwOnError: true)!, nonPublic: true)!;

    public bool TryMatch<TDoc, TId>(IEventIdentityStrategy<TId> identity, StoreOptions options,
        [NotNullWhen(true)] out IAggregateFetchPlan<TDoc, TId>? plan) where TDoc : class where TId : notnull
    {
        plan = null;
        if (typeof(TDoc) != typeof(HouseholdSnapshot) || typeof(TId) != typeof(Guid)) return false;
        if (!Inline.TryMatch<TDoc, TId>(identity, options, out var inner)) return false;
        plan = (IAggregateFetchPlan<TDoc, TId>)(object)new Plan((IAggregateFetchPlan<HouseholdSnapshot, Guid>)inner,
            (IEventIdentityStrategy<Guid>)identity, cache);
        return true;
    }

    private sealed class Plan(IAggregateFetchPlan<HouseholdSnapshot, Guid> marten, IEventIdentityStrategy<Guid> identity, SnapshotCache cache)
        : IAggregateFetchPlan<HouseholdSnapshot, Guid>
    {
        public ProjectionLifecycle Lifecycle => marten.Lifecycle;

        public async Task<IEventStream<HouseholdSnapshot>> FetchForWriting(DocumentSessionBase session, Guid id, bool forUpdate,
            CancellationToken cancellation = default)
        {
            if (forUpdate || !cache.TryGet(session.TenantId, id, out var snapshot))
                return await marten.FetchForWriting(session, id, forUpdate, cancellation);
            // In the session's identity map the inline projection folds the new events onto this snapshot instead of loading it.
            session.UseIdentityMapFor<HouseholdSnapshot>();
            if (!session.ItemMap.TryGetValue(typeof(HouseholdSnapshot), out var map)) session.ItemMap[typeof(HouseholdSnapshot)] = map = new Dictionary<Guid, HouseholdSnapshot>();
            ((Dictionary<Guid, HouseholdSnapshot>)map)[id] = snapshot;
            var stream = identity.AppendToStream(snapshot, session, id, snapshot.Version, cancellation);
            // A decision that appends nothing (the facts already so) is checked against the stream's version all the same.
            stream.AlwaysEnforceConsistency = true;
            return stream;
        }

        public Task<IEventStream<HouseholdSnapshot>> FetchForWriting(DocumentSessionBase session, Guid id, long expectedStartingVersion,
            CancellationToken cancellation = default) => marten.FetchForWriting(session, id, expectedStartingVersion, cancellation);

        public ValueTask<HouseholdSnapshot?> FetchForReading(DocumentSessionBase session, Guid id, CancellationToken cancellation) =>
            marten.FetchForReading(session, id, cancellation);

        public ValueTask<HouseholdSnapshot?> ProjectLatest(DocumentSessionBase session, Guid id, CancellationToken cancellation) =>
            marten.ProjectLatest(session, id, cancellation);

        public Task<bool> StreamForReading(DocumentSessionBase session, Guid id, Stream destination, CancellationToken cancellation) =>
            marten.StreamForReading(session, id, destination, cancellation);

        public IQueryHandler<IEventStream<HouseholdSnapshot>> BuildQueryHandler(QuerySession session, Guid id, long expectedStartingVersion) =>
            marten.BuildQueryHandler(session, id, expectedStartingVersion);

        public IQueryHandler<IEventStream<HouseholdSnapshot>> BuildQueryHandler(QuerySession session, Guid id, bool forUpdate) =>
            marten.BuildQueryHandler(session, id, forUpdate);

        public IQueryHandler<HouseholdSnapshot?> BuildQueryHandler(QuerySession session, Guid id) => marten.BuildQueryHandler(session, id);
    }
}
