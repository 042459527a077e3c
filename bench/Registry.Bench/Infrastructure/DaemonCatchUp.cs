using System.Diagnostics;
using Npgsql;
using Registry.Projections;

namespace Registry.Bench.Infrastructure;

/// <summary>Waits until the API's async daemon has projected every stored event, so a measurement does not share the cores with catch-up work.</summary>
public static class DaemonCatchUp
{
    /// <remarks>The daemon's own rows (HighWaterMark, and the gap and fence marks Marten 9 adds beside it) are not projections.</remarks>
    public static async Task Wait(string connectionString, TimeSpan deadline)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select coalesce((select max(seq_id) from {RegistryStore.DefaultSchema}.mt_events), 0) " +
            $"- coalesce((select min(last_seq_id) from {RegistryStore.DefaultSchema}.mt_event_progression where name not like 'HighWater%'), 0)", connection);
        var clock = Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! > 0)
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"The async daemon did not catch up within {deadline}.");
            // The daemon reports progress to the table in batches; a short pause between polls keeps the poll itself off the cores.
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
