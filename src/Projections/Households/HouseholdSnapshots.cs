using Marten;

namespace Registry.Projections.Households;

/// <summary>
/// Households recorded before the write side kept a snapshot of its own had only their read model, which carries the same
/// state, version and chain head: their snapshots are made from it, once, so a command finds every household.
/// </summary>
public static class HouseholdSnapshots
{
    /// <returns>How many snapshots were made.</returns>
    public static async Task<int> FillFromReadModels(IDocumentStore store, string tenant, CancellationToken ct)
    {
        var snapshots = store.Options.Schema.For<HouseholdSnapshot>();
        var readModels = store.Options.Schema.For<HouseholdDetails>();
        await using var session = store.LightweightSession(tenant);
        var made = await session.QueryAsync<int>($"""
            with made as (
              insert into {snapshots} (id, data, mt_version, mt_dotnet_type, mt_last_modified)
              select d.id, jsonb_build_object('id', d.data -> 'id', 'version', d.data -> 'version', 'state', d.data -> 'state', 'lastHash', d.data -> 'lastHash'),
                     d.mt_version, ?, transaction_timestamp()
              from {readModels} d
              where not exists (select 1 from {snapshots} s where s.id = d.id)
              on conflict (id) do nothing
              returning 1)
            select count(*)::int from made
            """, ct, typeof(HouseholdSnapshot).FullName!);
        return made.Single();
    }
}
