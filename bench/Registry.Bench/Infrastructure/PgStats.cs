using Npgsql;

namespace Registry.Bench.Infrastructure;

/// <summary>Rows inserted, updated and deleted per table of the bench database, and committed transactions: what a phase made PostgreSQL do.</summary>
public sealed record PgStats(IReadOnlyDictionary<string, (long Inserted, long Updated, long Deleted)> Tables, long Commits)
{
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
        return new PgStats(tables, (long)(await commits.ExecuteScalarAsync())!);
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
