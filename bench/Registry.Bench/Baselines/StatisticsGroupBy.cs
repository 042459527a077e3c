using Npgsql;
using Registry.Bench.Infrastructure;
using Registry.Projections;

namespace Registry.Bench.Baselines;

/// <summary>
/// What the statistics would cost counted per request: one GROUP BY over the household documents of the district, by town and
/// status, with persons, monitoring kinds, an unresolved guarantee and risks, every row's jsonb read.
/// </summary>
public static class StatisticsGroupBy
{
    public static string Sql(string prefix) => $"""
        select substr(h.data->>'villageCode', 1, 9) as town, h.data->>'status' as status, count(*) as households,
               sum(jsonb_array_length(h.data->'state'->'members')) as persons,
               count(*) filter (where h.data->>'monitoring' = 'UnstableExited') as unstable,
               count(*) filter (where h.data->>'monitoring' = 'Marginal') as marginal,
               count(*) filter (where h.data->'state'->'guarantees'->>'Housing' = 'Unresolved') as housing_unresolved,
               sum(jsonb_array_length(h.data->'risks')) as risks
        from {RegistryStore.DefaultSchema}.mt_doc_householddetails h
        where h.data->>'villageCode' like '{prefix}%'
        group by 1, 2
        """;

    public static async Task<Latencies> Run(string connectionString, string prefix, int samples)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql(prefix), connection);
        return await PreparedReads.Run(command, samples);
    }
}
