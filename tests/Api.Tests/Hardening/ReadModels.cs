using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Registry.Api.Reference;
using Registry.Projections;
using Registry.Projections.Audit;
using Registry.Projections.Campaigns;
using Registry.Projections.Households;
using Registry.Projections.Monitoring;
using Registry.Projections.Procedures;
using Registry.Projections.Quality;

namespace Registry.Api.Tests.Hardening;

/// <summary>Every projected document and kept count as stored, and the same after a full rebuild from the events.</summary>
public static class ReadModels
{
    public static DocumentStore StoreFor(string connectionString, string schema) => DocumentStore.For(opts =>
    {
        RegistryStore.Configure(opts, connectionString, schema);
        ReferenceStore.Configure(opts);
    });

    /// <summary>Document type name to the sorted "id data" rows of its table, as PostgreSQL normalises jsonb, and each kept count's rows.</summary>
    public static async Task<SortedDictionary<string, List<string>>> Snapshot(DocumentStore store, string connectionString)
    {
        var snapshot = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schema = store.Options.Events.DatabaseSchemaName;
        // The household read model is written by the snapshot's projection rather than published by a projection of its own.
        var tables = store.Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live).SelectMany(p => p.PublishedTypes()).Append(typeof(HouseholdDetails)).Distinct()
            .Select(type => (type.Name, $"select id::text || ' ' || data::text from {((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName.QualifiedName} order by id"))
            .Concat(new[] { ProblemTotals.Table, HouseholdTotals.Table, AuditTotals.Table, ProcedureTotals.Table, MonitoringTotals.Table }.Select(totals => (totals.Table,
                $"select village_code || ' ' || kind || ' ' || n from {totals.QualifiedName(schema)} where n <> 0 order by village_code, kind")))
            .Append((CampaignCounts.Marks,
                $"select concat_ws(' ', household_id, measure, year, on_date, village_code) from {schema}.{CampaignCounts.Marks} order by 1"))
            .Append((CampaignCounts.Totals,
                $"select concat_ws(' ', village_code, measure, year, on_date, n) from {schema}.{CampaignCounts.Totals} where n <> 0 order by 1"));
        foreach (var (name, sql) in tables)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            snapshot[name] = rows;
        }
        return snapshot;
    }

    /// <summary>Rebuilds every projection, inline and async, from the whole event log, as the API's rebuild command does.</summary>
    public static async Task RebuildAll(DocumentStore store)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ReadModelRebuild.All(store, store.Storage.Database, TimeSpan.FromMinutes(2), cts.Token);
    }

    /// <summary>Describes the first differences between two snapshots, or returns null when they are equal.</summary>
    public static string? Difference(SortedDictionary<string, List<string>> stored, SortedDictionary<string, List<string>> rebuilt)
    {
        var lines = new List<string>();
        foreach (var type in stored.Keys.Union(rebuilt.Keys))
        {
            var a = stored.GetValueOrDefault(type) ?? [];
            var b = rebuilt.GetValueOrDefault(type) ?? [];
            if (a.SequenceEqual(b)) continue;
            lines.Add($"{type}: {a.Count} stored, {b.Count} rebuilt");
            lines.AddRange(a.Except(b).Take(2).Select(x => "  stored only:  " + Cut(x)));
            lines.AddRange(b.Except(a).Take(2).Select(x => "  rebuilt only: " + Cut(x)));
        }
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static string Cut(string s) => s.Length <= 600 ? s : s[..600] + "…";
}
