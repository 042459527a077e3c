using Marten.Events.Projections;
using Marten;
using Npgsql;

namespace Registry.Projections;

/// <summary>
/// The progress of the live daemon's one agent for the offices' read models (<see cref="RegistryStore.OfficeViews"/>). The agent
/// carries on from its own row, not from its members' rows: where that row is missing or behind while every member has
/// reached the same event (after a rebuild, which records the members' progress only, or in a database whose members each had
/// an agent of their own), it is set to that event, so no event is applied twice to counts that would then be wrong.
/// </summary>
public static class OfficeViewsProgress
{
    public enum Outcome { Unchanged, Aligned, MembersApart }

    /// <summary>The names the members record their progress under.</summary>
    public static IReadOnlyList<string> Members(StoreOptions opts) =>
        opts.Projections.All.OfType<CompositeProjection>().Single(p => p.Name == RegistryStore.OfficeViews)
            .AllProjections().Select(p => p.Name).ToList();

    /// <summary>
    /// Sets the agent's row to its members' common progress. When the members have reached different events, the row is left
    /// alone and <see cref="Outcome.MembersApart"/> returned: only a rebuild brings those read models back together.
    /// </summary>
    public static async Task<Outcome> Align(NpgsqlDataSource dataSource, string schema, IReadOnlyList<string> members, CancellationToken ct)
    {
        await using var read = dataSource.CreateCommand($"""
            select count(*), min(last_seq_id), max(last_seq_id),
              (select last_seq_id from {schema}.mt_event_progression where name = @own)
            from {schema}.mt_event_progression where name = any(@members)
            """);
        read.Parameters.AddWithValue("members", members.Select(m => m + ":All").ToArray());
        read.Parameters.AddWithValue("own", Own);
        long recorded;
        long? low, high, own;
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            recorded = reader.GetInt64(0);
            low = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            high = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            own = reader.IsDBNull(3) ? null : reader.GetInt64(3);
        }
        // Members that never ran start with the agent from the first event.
        if (recorded == 0 && own is null) return Outcome.Unchanged;
        if (recorded != members.Count || low != high || own > low) return Outcome.MembersApart;
        if (own == low) return Outcome.Unchanged;

        await using var write = dataSource.CreateCommand($"""
            insert into {schema}.mt_event_progression (name, last_seq_id, last_updated) values (@own, @at, transaction_timestamp())
            on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated
            """);
        write.Parameters.AddWithValue("own", Own);
        write.Parameters.AddWithValue("at", low!.Value);
        await write.ExecuteNonQueryAsync(ct);
        return Outcome.Aligned;
    }

    private const string Own = RegistryStore.OfficeViews + ":All";
}
