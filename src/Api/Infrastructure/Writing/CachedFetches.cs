using JasperFx.Events;
using Registry.Projections.Households;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// The streams a write request was served from the node's <see cref="SnapshotCache"/>. A commit checks an entry's version, but
/// a refusal is decided before any commit (a fact already so, a member not found, a stale If-Match): decided on an entry another
/// node left behind, it would be wrong and would stay wrong, so <see cref="ConcurrentWrites"/> forgets the entries and decides
/// once more on a fresh read.
/// </summary>
public static class CachedFetches
{
    private static readonly object Key = new();

    public static void Note<T>(IEventStream<T> stream, HttpContext http) where T : notnull
    {
        if (stream.Aggregate is not HouseholdSnapshot snapshot
            || !http.RequestServices.GetRequiredService<SnapshotCache>().Served(snapshot)) return;
        if (http.Items[Key] is not HashSet<Guid> served) http.Items[Key] = served = [];
        served.Add(stream.Id);
    }

    /// <returns>Whether any entry served this request (and is now forgotten).</returns>
    public static bool ForgetServed(HttpContext http)
    {
        if (http.Items[Key] is not HashSet<Guid> { Count: > 0 } served) return false;
        http.Items.Remove(Key);
        var cache = http.RequestServices.GetRequiredService<SnapshotCache>();
        var tenant = ConcurrentWrites.Tenant(http);
        foreach (var id in served) cache.Forget(tenant, id);
        return true;
    }
}
