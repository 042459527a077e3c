using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Registry.Projections;

namespace Registry.Bench.Baselines;

/// <summary>
/// The floor of a projection rebuild: read every event row once in sequence order, then write one document row per
/// stream (the last event's data standing in for the aggregate) with a binary COPY.
/// </summary>
public static class ReadAllWriteOnePerStream
{
    public static async Task<(long Events, long Streams, TimeSpan Read, TimeSpan Write)> Run(string connectionString)
    {
        var last = new Dictionary<Guid, string>();
        long events = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand(
            $"select seq_id, stream_id, version, type, \"timestamp\", data::text, headers::text from {RegistryStore.DefaultSchema}.mt_events order by seq_id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                _ = reader.GetInt64(0);
                _ = reader.GetInt64(2);
                _ = reader.GetString(3);
                _ = reader.GetFieldValue<DateTimeOffset>(4);
                _ = reader.GetString(6);
                last[reader.GetGuid(1)] = reader.GetString(5);
                events++;
            }
        }
        var read = clock.Elapsed;
        clock.Restart();
        await using (var truncate = new NpgsqlCommand($"truncate {RawTables.Schema}.stream_docs", connection)) await truncate.ExecuteNonQueryAsync();
        await using (var importer = await connection.BeginBinaryImportAsync($"copy {RawTables.Schema}.stream_docs (id, data) from stdin (format binary)"))
        {
            foreach (var (id, data) in last)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                await importer.WriteAsync(data, NpgsqlDbType.Jsonb);
            }
            await importer.CompleteAsync();
        }
        return (events, last.Count, read, clock.Elapsed);
    }
}
