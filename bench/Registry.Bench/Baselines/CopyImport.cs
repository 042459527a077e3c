using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Registry.Bench.Baselines;

/// <summary>The floor of an import: COPY of the very same CSV rows into a plain table of text columns.</summary>
public static class CopyImport
{
    public static async Task<(int Rows, TimeSpan Elapsed)> Run(string connectionString, byte[] csv)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginTextImportAsync($"copy {RawTables.Schema}.import_rows from stdin (format csv, header true)"))
            await writer.WriteAsync(Encoding.UTF8.GetString(csv));
        var elapsed = clock.Elapsed;
        await using var count = new NpgsqlCommand($"select count(*) from {RawTables.Schema}.import_rows", connection);
        return ((int)(long)(await count.ExecuteScalarAsync())!, elapsed);
    }
}
