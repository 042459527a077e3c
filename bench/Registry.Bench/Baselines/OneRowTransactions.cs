using Npgsql;
using NpgsqlTypes;
using Registry.Bench.Infrastructure;

namespace Registry.Bench.Baselines;

/// <summary>
/// The floor of a one-event command: N connections, each inserting one jsonb event row per transaction (autocommit),
/// into a table with the event table's keys.
/// </summary>
public static class OneRowTransactions
{
    public static async Task<Latencies> Run(string connectionString, int clients, TimeSpan duration, string type, (string Data, string Headers) row)
    {
        var connections = new NpgsqlConnection[clients];
        var commands = new NpgsqlCommand[clients];
        var streams = new Guid[clients];
        var versions = new int[clients];
        for (var i = 0; i < clients; i++)
        {
            connections[i] = new NpgsqlConnection(connectionString);
            await connections[i].OpenAsync();
            commands[i] = new NpgsqlCommand(
                $"insert into {RawTables.Schema}.events (stream_id, version, type, data, headers) values ($1, $2, $3, $4, $5)", connections[i]);
            commands[i].Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            commands[i].Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
            commands[i].Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = type });
            commands[i].Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = row.Data });
            commands[i].Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = row.Headers });
            await commands[i].PrepareAsync();
            streams[i] = Guid.CreateVersion7();
        }
        try
        {
            return await Load.Run(clients, duration, async i =>
            {
                commands[i].Parameters[0].Value = streams[i];
                commands[i].Parameters[1].Value = ++versions[i];
                await commands[i].ExecuteNonQueryAsync();
                return true;
            });
        }
        finally
        {
            foreach (var c in commands) await c.DisposeAsync();
            foreach (var c in connections) await c.DisposeAsync();
        }
    }
}
