using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marten;
using Marten.Services;

namespace Registry.Projections.Households;

/// <summary>
/// The household snapshots this node last committed, by district database and household, so that a command on a household
/// written here before decides without reading it (<see cref="CachedSnapshotFetch"/>). An entry is only ever a guess: the
/// write that follows carries the entry's version as its expected version, so a household changed elsewhere (another node,
/// a direct write) fails at commit, is forgotten and read again; a refusal decided on an entry is decided again on a fresh
/// read (the API's ConcurrentWrites). Nothing is added before its commit.
/// </summary>
public sealed class SnapshotCache(int capacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<(string Tenant, Guid Id), HouseholdSnapshot> _entries = new();
    // Every instance ever kept, for as long as anything holds it: a fetch answered with one of them was served from the cache,
    // even if a later commit has replaced it since (a fresh read makes an instance of its own).
    private readonly ConditionalWeakTable<HouseholdSnapshot, object> _kept = new();
    // Kept apart: the dictionary's own count takes every lock, and Keep runs after every commit.
    private int _count;

    public int Capacity { get; } = capacity;

    private static readonly object Marker = new();

    public bool TryGet(string tenant, Guid id, out HouseholdSnapshot snapshot) => _entries.TryGetValue((tenant, id), out snapshot!);

    /// <summary>Whether this very snapshot was kept by the cache, now or before: a fetch that gave it was served from the cache.</summary>
    public bool Served(HouseholdSnapshot snapshot) => _kept.TryGetValue(snapshot, out _);

    /// <summary>Keeps a committed snapshot unless a later one of the same household is kept already.</summary>
    public void Keep(string tenant, HouseholdSnapshot snapshot)
    {
        if (Capacity <= 0) return;
        _kept.AddOrUpdate(snapshot, Marker);
        if (_entries.TryAdd((tenant, snapshot.Id), snapshot))
        {
            if (Interlocked.Increment(ref _count) > Capacity) MakeRoom();
            return;
        }
        _entries.AddOrUpdate((tenant, snapshot.Id), snapshot, (_, kept) => kept.Version > snapshot.Version ? kept : snapshot);
    }

    public void Forget(string tenant, Guid id)
    {
        if (_entries.TryRemove((tenant, id), out _)) Interlocked.Decrement(ref _count);
    }

    public void Clear()
    {
        foreach (var key in _entries.Keys) Forget(key.Tenant, key.Id);
    }

    /// <summary>Commands of a store built with these options fetch households through this cache and fill it after each commit.</summary>
    public void Attach(StoreOptions opts)
    {
        opts.Projections.FetchPlanners.Add(new CachedSnapshotFetch(this));
        opts.Listeners.Add(new AfterCommit(this));
    }

    // Any tenth will do: a missing entry costs one read, never a wrong answer.
    private void MakeRoom()
    {
        foreach (var key in _entries.Keys.Take(Math.Max(1, Capacity / 10))) Forget(key.Tenant, key.Id);
    }

    /// <summary>
    /// After every commit in this process, whoever wrote it: the household snapshots it stored are kept, and every other stream
    /// it appended to is forgotten (an append that bypassed the snapshot would otherwise leave a stale entry behind).
    /// </summary>
    public sealed class AfterCommit(SnapshotCache cache) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            var kept = new HashSet<Guid>();
            foreach (var snapshot in commit.Updated.Concat(commit.Inserted).OfType<HouseholdSnapshot>())
            {
                cache.Keep(session.TenantId, snapshot);
                kept.Add(snapshot.Id);
            }
            foreach (var stream in commit.GetStreams())
                if (!kept.Contains(stream.Id)) cache.Forget(session.TenantId, stream.Id);
            foreach (var deleted in commit.Deleted)
                if (deleted.DocumentType == typeof(HouseholdSnapshot) && deleted.Id is Guid id) cache.Forget(session.TenantId, id);
            return Task.CompletedTask;
        }
    }
}
