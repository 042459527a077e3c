using Npgsql;

namespace Registry.Api.Tests.Hardening;

public sealed record LoggedEvent(Guid StreamId, long Version, string? CorrelationId);

/// <summary>The raw event log of one schema, read past Marten, for checks of what a crash or fault left behind.</summary>
public static class EventLog
{
    /// <summary>
    /// Marten fills the sequence numbers of a failed append with these, in a stream of their own (a row of version 0 and no type,
    /// written even when no tombstone follows); they are no household's.
    /// </summary>
    private const string Tombstone = "tombstone";

    public static async Task<List<LoggedEvent>> Read(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select stream_id, version, correlation_id from {schema}.mt_events where type <> '{Tombstone}' order by stream_id, version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<LoggedEvent>();
        while (await reader.ReadAsync())
            events.Add(new LoggedEvent(reader.GetGuid(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return events;
    }

    public static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>Streams whose versions are not exactly 1..n, or whose stream row or inline snapshot disagrees with n.</summary>
    public static async Task<List<string>> Gaps(string connectionString, string schema)
    {
        var problems = new List<string>();
        foreach (var stream in (await Read(connectionString, schema)).GroupBy(e => e.StreamId))
        {
            var versions = stream.Select(e => e.Version).ToList();
            if (!versions.SequenceEqual(Enumerable.Range(1, versions.Count).Select(v => (long)v)))
                problems.Add($"stream {stream.Key}: versions {string.Join(",", versions)}");
        }
        var mismatches = await Scalar(connectionString, $"""
            select count(*) from {schema}.mt_streams s
            left join (select stream_id, max(version) v from {schema}.mt_events group by stream_id) e on e.stream_id = s.id
            where s.version is distinct from e.v
              and not exists (select 1 from {schema}.mt_events t where t.stream_id = s.id and t.type = '{Tombstone}')
              and not (s.type is null and s.version = 0 and e.v is null)
            """);
        if (mismatches > 0) problems.Add($"{mismatches} stream rows disagree with their last event's version");
        return problems;
    }
}
