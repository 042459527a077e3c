using Npgsql;
using Registry.Bench.Infrastructure;

namespace Registry.Bench.Baselines;

/// <summary>A prepared query run again and again by one client, every column of every row read.</summary>
public static class PreparedReads
{
    public static async Task<Latencies> Run(NpgsqlCommand command, int samples)
    {
        await command.PrepareAsync();
        return await Load.Sequential(samples, () => ReadAll(command));
    }

    /// <summary>One execution, every column of every row read; false when it found no row.</summary>
    public static async Task<bool> ReadAll(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }
        return rows > 0;
    }
}
