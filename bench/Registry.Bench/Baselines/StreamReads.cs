using Npgsql;
using Registry.Bench.Infrastructure;
using Registry.Projections;

namespace Registry.Bench.Baselines;

/// <summary>The floor of a history or as-of read: one SELECT of the stream's event rows, every column read.</summary>
public static class StreamReads
{
    public static async Task<Latencies> Run(string connectionString, Guid streamId, DateTimeOffset? asOf, int samples)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sql = $"select seq_id, version, type, \"timestamp\", data::text, headers::text, correlation_id from {RegistryStore.DefaultSchema}.mt_events where stream_id = $1"
            + (asOf is null ? "" : " and \"timestamp\" <= $2") + " order by version";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(streamId);
        if (asOf is { } at) command.Parameters.AddWithValue(at);
        return await PreparedReads.Run(command, samples);
    }
}
