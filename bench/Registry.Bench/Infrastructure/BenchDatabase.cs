using Npgsql;

namespace Registry.Bench.Infrastructure;

/// <summary>The dedicated database of a run, made anew beside the database the connection string names.</summary>
public static class BenchDatabase
{
    /// <summary><c>BENCH_DATABASE</c> when set (two runs on one shared server each need their own), else registry_bench.</summary>
    public static string Name { get; } = Environment.GetEnvironmentVariable("BENCH_DATABASE") is { Length: > 0 } name && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
        ? name
        : "registry_bench";

    public static async Task<string> Recreate(string connectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await Execute(connection, $"drop database if exists {Name} with (force)");
            await Execute(connection, $"create database {Name}");
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = Name, MaxPoolSize = 100 }.ConnectionString;
    }

    public static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes out the dirty pages now, where the role may (a superuser or pg_checkpoint); elsewhere says it could not.</summary>
    public static async Task Checkpoint(NpgsqlConnection connection)
    {
        try
        {
            await Execute(connection, "checkpoint");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Console.WriteLine("bench: no CHECKPOINT (the role may not); a checkpoint may fall within a measurement");
        }
    }

    public static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<string> ServerVersion(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select string_agg(name || '=' || current_setting(name), ', ' order by name) from unnest(array['fsync', 'synchronous_commit', 'shared_buffers']) as name",
            connection);
        return $"{connection.PostgreSqlVersion} ({await command.ExecuteScalarAsync()})";
    }
}
