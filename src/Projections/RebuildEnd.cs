using Npgsql;

namespace Registry.Projections;

/// <summary>
/// Where a rebuild must end: the log's last event when it began (it runs with the API stopped), and a check that every read
/// model it rebuilt recorded its progress there.
/// </summary>
/// <remarks>
/// The daemon's rebuild of a composite returns as if done when a member fails other than in applying one event (its grouping,
/// or its work on a page as a whole): the page it failed on commits for no member, but the pass stops there without an error
/// (<c>CompositeMemberFailureTests</c>). Inline read models have no live agent to carry on from such a stop, so without this
/// check they would stay short of the log for good.
/// </remarks>
public static class RebuildEnd
{
    public static async Task<long> LastEvent(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await Audit.LeafStore.LastSequence(connection, schema, ct);
    }

    /// <exception cref="RebuildStoppedShortException">A read model's progress is missing or short of <paramref name="end"/>.</exception>
    public static async Task EnsureReached(NpgsqlDataSource dataSource, string schema, IReadOnlyCollection<string> projections, long end,
        CancellationToken ct)
    {
        if (end == 0) return;
        await using var command = dataSource.CreateCommand(
            $"select name, last_seq_id from {schema}.mt_event_progression where name = any(@names)");
        command.Parameters.AddWithValue("names", projections.Select(ShardOf).ToArray());
        var reached = new Dictionary<string, long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                reached[reader.GetString(0)] = reader.GetInt64(1);
        var behind = projections.Where(p => reached.GetValueOrDefault(ShardOf(p)) < end).ToList();
        if (behind.Count > 0)
            throw new RebuildStoppedShortException(end, behind.ToDictionary(p => p, p => reached.GetValueOrDefault(ShardOf(p))));
    }

    private static string ShardOf(string projection) => $"{projection}:All";
}

/// <summary>A rebuild whose read models did not all reach the log's end: the rebuild stays unfinished.</summary>
public sealed class RebuildStoppedShortException(long end, IReadOnlyDictionary<string, long> reached) : Exception(
    $"The rebuild stopped short of the log's last event {end}: " +
    string.Join(", ", reached.Select(r => $"{r.Key} at {r.Value}")) + ". See the log for the failure that stopped it.")
{
    public long End { get; } = end;

    public IReadOnlyDictionary<string, long> Reached { get; } = reached;
}
