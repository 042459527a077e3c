using Npgsql;
using NpgsqlTypes;
using Registry.Bench.Infrastructure;
using Registry.Projections;

namespace Registry.Bench.Baselines;

/// <summary>Plain tables in the bench database that the raw-PostgreSQL baselines write to: no Marten, no API.</summary>
public static class RawTables
{
    public const string Schema = "bench_raw";

    public static async Task Create(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await BenchDatabase.Execute(connection, $"""
            create schema if not exists {Schema};
            create table if not exists {Schema}.events (
              seq_id bigserial primary key, stream_id uuid not null, version int not null, type text not null,
              data jsonb not null, headers jsonb not null, "timestamp" timestamptz not null default now(), unique (stream_id, version));
            create table if not exists {Schema}.import_rows ({string.Join(", ", Enumerable.Range(1, ImportColumns).Select(i => $"c{i} text"))});
            create table if not exists {Schema}.stream_docs (id uuid primary key, data jsonb not null);
            create table if not exists {Schema}.streams (id uuid primary key, version int not null);
            """);
    }

    public const int ImportColumns = 17;

    /// <summary>One event row of the raw baselines: stream id ($1) and version ($2) set per row, type, data and headers fixed.</summary>
    public const string InsertEvent = $"insert into {Schema}.events (stream_id, version, type, data, headers) values ($1, $2, $3, $4, $5)";

    /// <summary>The parameters of <see cref="InsertEvent"/>: the stream's id, if given, and the stored event's type, data and headers.</summary>
    public static void EventParameters(NpgsqlParameterCollection parameters, string type, (string Data, string Headers) row, Guid? stream = null)
    {
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = stream is { } id ? id : DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = type });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = row.Data });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = row.Headers });
    }

    /// <summary>A real stored event of the type, as the raw baseline's row: the same data and headers the API wrote.</summary>
    public static async Task<(string Data, string Headers)> SampleEvent(string connectionString, string eventType)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select data::text, headers::text from {RegistryStore.DefaultSchema}.mt_events where type = $1 order by seq_id desc limit 1", connection);
        command.Parameters.AddWithValue(eventType);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"No stored {eventType} event to copy.");
        return (reader.GetString(0), reader.GetString(1));
    }
}
