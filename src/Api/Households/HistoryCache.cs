using System.Collections.Concurrent;

namespace Registry.Api.Households;

/// <summary>
/// The whole histories this node last answered, by district database, household and view (ID numbers shown or masked), so
/// that a repeated read sends the stored rows once. An entry is never answered on trust: each read asks the database for
/// the rows after the entry's last version and for a fingerprint of the rows up to it (<see cref="RowsFingerprint"/>). Rows added are appended to the entry; any row changed, removed or put back in place since (by
/// whoever runs the database) changes the fingerprint, and the history is then read whole again, so a history always
/// shows what the database holds.
/// </summary>
public sealed class HistoryCache(long capacityBytes)
{
    public const long DefaultMegabytes = 64;

    /// <summary>A history as answered: the JSON array, its last version, and the fingerprint of the rows it was made from.</summary>
    public sealed record Entry(long Version, RowsFingerprint Rows, byte[] Json, bool ShowsIdNumbers);

    private readonly ConcurrentDictionary<(string Tenant, Guid Id, bool Unmasked), Slot> _slots = new();
    private readonly Lock _room = new();
    private long _bytes;
    private long _reads;

    public Entry? Find(string tenant, Guid id, bool unmasked)
    {
        if (!_slots.TryGetValue((tenant, id, unmasked), out var slot)) return null;
        Volatile.Write(ref slot.LastRead, Interlocked.Increment(ref _reads));
        return slot.Entry;
    }

    /// <summary>Whether a history of this many bytes would be kept: one household may not take more than an eighth of the room.</summary>
    public bool Admits(int bytes) => bytes <= capacityBytes / 8;

    /// <summary>
    /// Keeps a history unless a later one of the same household and view is kept already; at the same version, the one read
    /// last replaces one made from other rows.
    /// </summary>
    public void Keep(string tenant, Guid id, bool unmasked, Entry entry)
    {
        if (!Admits(entry.Json.Length)) return;
        var key = (tenant, id, unmasked);
        var slot = new Slot(entry, Interlocked.Increment(ref _reads));
        while (true)
        {
            if (_slots.TryGetValue(key, out var kept))
            {
                if (kept.Entry.Version > entry.Version || kept.Entry.Version == entry.Version && kept.Entry.Rows == entry.Rows) return;
                if (!_slots.TryUpdate(key, slot, kept)) continue;
                Interlocked.Add(ref _bytes, entry.Json.Length - kept.Entry.Json.Length);
            }
            else
            {
                if (!_slots.TryAdd(key, slot)) continue;
                Interlocked.Add(ref _bytes, entry.Json.Length);
            }
            break;
        }
        if (Interlocked.Read(ref _bytes) > capacityBytes) MakeRoom();
    }

    /// <summary>Forgets this entry, and not one kept since in its place.</summary>
    public void Forget(string tenant, Guid id, bool unmasked, Entry entry)
    {
        var key = (tenant, id, unmasked);
        if (_slots.TryGetValue(key, out var slot) && ReferenceEquals(slot.Entry, entry) && _slots.TryRemove(KeyValuePair.Create(key, slot)))
            Interlocked.Add(ref _bytes, -entry.Json.Length);
    }

    // The histories read longest ago go first, down to nine tenths of the room; a missing one costs one whole read, never a wrong answer.
    private void MakeRoom()
    {
        lock (_room)
        {
            // Another reader may have made the room while this one waited.
            if (Interlocked.Read(ref _bytes) <= capacityBytes) return;
            foreach (var (key, slot) in _slots.ToArray().OrderBy(s => Volatile.Read(ref s.Value.LastRead)))
            {
                if (Interlocked.Read(ref _bytes) <= capacityBytes * 9 / 10) return;
                Forget(key.Tenant, key.Id, key.Unmasked, slot.Entry);
            }
        }
    }

    /// <summary>A kept entry and when it was last read or kept, as a count of the cache's reads and keeps.</summary>
    private sealed class Slot(Entry entry, long lastRead)
    {
        public Entry Entry { get; } = entry;

        public long LastRead = lastRead;
    }
}
