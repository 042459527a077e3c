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

    private readonly ConcurrentDictionary<(string Tenant, Guid Id, bool Unmasked), Entry> _entries = new();
    private long _bytes;

    public Entry? Find(string tenant, Guid id, bool unmasked) => _entries.GetValueOrDefault((tenant, id, unmasked));

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
        while (true)
        {
            if (_entries.TryGetValue(key, out var kept))
            {
                if (kept.Version > entry.Version || kept.Version == entry.Version && kept.Rows == entry.Rows) return;
                if (!_entries.TryUpdate(key, entry, kept)) continue;
                Interlocked.Add(ref _bytes, entry.Json.Length - kept.Json.Length);
            }
            else
            {
                if (!_entries.TryAdd(key, entry)) continue;
                Interlocked.Add(ref _bytes, entry.Json.Length);
            }
            break;
        }
        if (Interlocked.Read(ref _bytes) > capacityBytes) MakeRoom();
    }

    /// <summary>Forgets this entry, and not one kept since in its place.</summary>
    public void Forget(string tenant, Guid id, bool unmasked, Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create((tenant, id, unmasked), entry))) Interlocked.Add(ref _bytes, -entry.Json.Length);
    }

    // Any entries will do: a missing one costs one whole read, never a wrong answer.
    private void MakeRoom()
    {
        foreach (var (key, entry) in _entries)
        {
            if (Interlocked.Read(ref _bytes) <= capacityBytes * 9 / 10) return;
            Forget(key.Tenant, key.Id, key.Unmasked, entry);
        }
    }
}

