using Npgsql;

namespace Registry.Bench.Infrastructure;

/// <summary>
/// Rows inserted, updated and deleted per table of the bench database, committed transactions and, where the server loads
/// pg_stat_statements, each statement's calls and execution time: what a phase made PostgreSQL do.
/// </summary>
public sealed record PgStats(IReadOnlyDictionary<string, (long Inserted, long Updated, long Deleted)> Tables, long Commits,
    IReadOnlyDictionary<long, PgStats.Statement>? Statements)
{
    public sealed record Statement(string Text, long Calls, double Milliseconds);

    public static async Task<PgStats> Take(string connectionString)
    {
        // A backend that falls idle reports its last counters after PostgreSQL's idle flush interval of 10 s.
        await Task.Delay(TimeSpan.FromSeconds(11));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var clear = new NpgsqlCommand("select pg_stat_clear_snapshot()", connection)) await clear.ExecuteNonQueryAsync();
        var tables = new Dictionary<string, (long, long, long)>();
        await using (var command = new NpgsqlCommand("select schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        await using var commits = new NpgsqlCommand("select xact_commit from pg_stat_database where datname = current_database()", connection);
        return new PgStats(tables, (long)(await commits.ExecuteScalarAsync())!, await StatementsOf(connection));
    }

    private static async Task<IReadOnlyDictionary<long, Statement>?> StatementsOf(NpgsqlConnection connection)
    {
        try
        {
            await using (var create = new NpgsqlCommand("create extension if not exists pg_stat_statements", connection)) await create.ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(
                "select queryid, query, calls, total_exec_time from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())",
                connection);
            var statements = new Dictionary<long, Statement>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (!reader.IsDBNull(0)) statements[reader.GetInt64(0)] = new Statement(reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3));
            return statements;
        }
        catch (PostgresException)
        {
            // The module is not loaded by this server (or the role may not create the extension): no statement counters.
            return null;
        }
    }

    /// <summary>Per statement, calls and execution time per operation since <paramref name="before"/>, the most time first.</summary>
    public IReadOnlyList<(string Text, double CallsPerOperation, double MicrosecondsPerCall, double MicrosecondsPerOperation)> StatementsSince(
        PgStats before, long operations)
    {
        if (Statements is null || before.Statements is null || operations == 0) return [];
        return Statements.Select(s =>
            {
                var b = before.Statements.GetValueOrDefault(s.Key);
                var (calls, ms) = (s.Value.Calls - (b?.Calls ?? 0), s.Value.Milliseconds - (b?.Milliseconds ?? 0));
                return (s.Value.Text, Calls: calls, Ms: ms);
            })
            .Where(s => s.Calls > 0)
            .OrderByDescending(s => s.Ms)
            .Select(s => (s.Text, s.Calls / (double)operations, s.Ms * 1000 / s.Calls, s.Ms * 1000 / operations))
            .ToList();
    }

    /// <summary>Per table, rows written (inserted + updated + deleted) per operation since <paramref name="before"/>, largest first.</summary>
    public IReadOnlyList<(string Table, double PerOperation)> WritesSince(PgStats before, long operations) =>
        Tables.Select(t =>
            {
                var b = before.Tables.GetValueOrDefault(t.Key);
                var rows = t.Value.Inserted - b.Inserted + t.Value.Updated - b.Updated + t.Value.Deleted - b.Deleted;
                return (t.Key, PerOperation: operations == 0 ? 0 : rows / (double)operations);
            })
            .Where(x => x.PerOperation > 0.0005)
            .OrderByDescending(x => x.PerOperation)
            .ToList();

    public double CommitsPerOperation(PgStats before, long operations) => operations == 0 ? 0 : (Commits - before.Commits) / (double)operations;
}
