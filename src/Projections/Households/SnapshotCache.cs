using System.Collections.Concurrent;
using Marten;
using Marten.Services;

namespace Registry.Projections.Households;

/// <summary>
/// The household snapshots this node last committed or fetched, by district database and household, so that a command on a
/// household written here before decides without reading it (<see cref="CachedSnapshotFetch"/>). An entry is only ever a
/// guess: the append that follows carries the entry's version as its expected version, so a household changed elsewhere
/// (another node, a direct write) fails at commit, is forgotten and read again. Nothing is added before its commit.
/// </summary>
public sealed class SnapshotCache(int capacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<(string Tenant, Guid Id), HouseholdSnapshot> _entries = new();

    public int Capacity { get; } = capacity;

    public int Count => _entries.Count;

    public bool TryGet(string tenant, Guid id, out HouseholdSnapshot snapshot) => _entries.TryGetValue((tenant, id), out snapshot!);

    /// <summary>Keeps a committed snapshot unless a later one of the same household is kept already.</summary>
    public void Keep(string tenant, HouseholdSnapshot snapshot)
    {
        if (Capacity <= 0) return;
        if (_entries.Count >= Capacity) MakeRoom();
        _entries.AddOrUpdate((tenant, snapshot.Id), snapshot, (_, kept) => kept.Version > snapshot.Version ? kept : snapshot);
    }

    public void Forget(string tenant, Guid id) => _entries.TryRemove((tenant, id), out _);

    public void Clear() => _entries.Clear();

    /// <summary>Commands of a store built with these options fetch households through this cache and fill it after each commit.</summary>
    public void Attach(StoreOptions opts)
    {
        opts.Projections.FetchPlanners.Add(new CachedSnapshotFetch(this));
        opts.Listeners.Add(new AfterCommit(this));
    }

    // Any tenth will do: a missing entry costs one read, never a wrong answer.
    private void MakeRoom()
    {
        foreach (var key in _entries.Keys.Take(Math.Max(1, Capacity / 10))) _entries.TryRemove(key, out _);
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
