using Npgsql;
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
        var versions = new int[clients];
        for (var i = 0; i < clients; i++)
        {
            connections[i] = new NpgsqlConnection(connectionString);
            await connections[i].OpenAsync();
            commands[i] = new NpgsqlCommand(RawTables.InsertEvent, connections[i]);
            RawTables.EventParameters(commands[i].Parameters, type, row, Guid.CreateVersion7());
            await commands[i].PrepareAsync();
        }
        try
        {
            return await Load.Run(clients, duration, async i =>
            {
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
