using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Registry.Projections;

/// <summary>
/// Counts of a list's rows kept per village and kind (a status, say), in a flat table of their own: a list's page reads
/// its unit's total as the sum of its villages' rows (a few hundred for a district) instead of counting the list. A
/// projection adds to a row with an upsert in its own transaction, so two writers in one village add up and never
/// overwrite each other.
/// </summary>
public sealed class UnitTotals(string table)
{
    public string Table { get; } = table;

    public void Configure(StoreOptions opts, string schema)
    {
        var definition = new Table(new PostgresqlObjectName(schema, Table, SchemaUtils.IdentifierUsage.General));
        definition.AddColumn("village_code", "varchar").AsPrimaryKey();
        definition.AddColumn("kind", "varchar").AsPrimaryKey();
        definition.AddColumn("n", "bigint").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(definition);
    }

    public string QualifiedName(string schema) => $"{schema}.{Table}";

    /// <summary>A rebuild empties the table before counting again from nothing.</summary>
    public Action<AsyncOptions> Teardown(string schema) => options => options.DeleteDataInTableOnTeardown(QualifiedName(schema));

    /// <summary>Adds differences to villages' counts in the transaction the operations commit.</summary>
    public void Add(IDocumentOperations operations, IEnumerable<KeyValuePair<(string Village, string Kind), long>> differences)
    {
        var schema = operations.DocumentStore.Options.Events.DatabaseSchemaName;
        foreach (var ((village, kind), n) in differences.Where(d => d.Value != 0))
            operations.QueueSqlCommand(
                $"insert into {schema}.{Table} (village_code, kind, n) values (?, ?, ?) on conflict (village_code, kind) do update set n = {schema}.{Table}.n + excluded.n",
                village, kind, n);
    }

    /// <summary>Each village's count of each kind given, in a unit's range of village codes.</summary>
    public async Task<IReadOnlyDictionary<(string Village, string Kind), long>> PerVillage(IQuerySession session, string fromCode, string toCode,
        IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var rows = await session.QueryAsync<VillageCount>(
            $"select json_build_object('villageCode', village_code, 'kind', kind, 'n', n) from {schema}.{Table} where village_code between ? and ? and kind = any(?)",
            ct, fromCode, toCode, kinds.ToArray());
        return rows.ToDictionary(r => (r.VillageCode, r.Kind), r => r.N);
    }

    private sealed record VillageCount(string VillageCode, string Kind, long N);

    /// <summary>The total of a unit's range of village codes, of the kinds given (every kind when none).</summary>
    public async Task<long> Sum(IQuerySession session, string fromCode, string toCode, IReadOnlyCollection<string>? kinds, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var sql = $"select coalesce(sum(n), 0)::bigint from {schema}.{Table} where village_code between ? and ?";
        var totals = kinds is null
            ? await session.QueryAsync<long>(sql, ct, fromCode, toCode)
            : await session.QueryAsync<long>(sql + " and kind = any(?)", ct, fromCode, toCode, kinds.ToArray());
        return totals.Single();
    }
}
