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
        await using var command = Command(connection, streamId, asOf);
        return await PreparedReads.Run(command, samples);
    }

    /// <summary>The same SELECT by several clients in a closed loop, each on its own connection, after as long unmeasured.</summary>
    public static async Task<Latencies> Loaded(string connectionString, Guid streamId, int clients, TimeSpan duration)
    {
        var connections = new List<NpgsqlConnection>();
        var commands = new List<NpgsqlCommand>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                var connection = new NpgsqlConnection(connectionString);
                connections.Add(connection);
                await connection.OpenAsync();
                var command = Command(connection, streamId, null);
                commands.Add(command);
                await command.PrepareAsync();
            }
            await Load.Run(clients, duration, c => PreparedReads.ReadAll(commands[c]));
            return await Load.Run(clients, duration, c => PreparedReads.ReadAll(commands[c]));
        }
        finally
        {
            foreach (var command in commands) await command.DisposeAsync();
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, Guid streamId, DateTimeOffset? asOf)
    {
        var sql = $"select seq_id, version, type, \"timestamp\", data::text, headers::text, correlation_id from {RegistryStore.DefaultSchema}.mt_events where stream_id = $1"
            + (asOf is null ? "" : " and \"timestamp\" <= $2") + " order by version";
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(streamId);
        if (asOf is { } at) command.Parameters.AddWithValue(at);
        return command;
    }
}
