using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Registry.Projections.Procedures;

/// <summary>
/// The work queue's order (last step's date, then id) under a town's, a district's, a city's and a province's code, taken
/// from the village's code (its first 9, 6, 4 and 2 digits): a unit's page of the queue is then a stretch of one index
/// whatever the unit, where a range of village codes would leave the plan to guess how much of the queue it covers. The
/// village's own index is the code column's (<see cref="RegistryStore"/>). Applied with the rest of the schema, after the
/// queue's table.
/// </summary>
public sealed class ProcedureWorkIndexes(StoreOptions options) : FeatureSchemaBase("procedure-work-indexes", new PostgresqlMigrator())
{
    /// <summary>The digits of a village's code that name the unit above it: town, district, city, province.</summary>
    public static readonly IReadOnlyDictionary<int, string> Levels = new Dictionary<int, string>
    {
        [9] = "town", [6] = "district", [4] = "city", [2] = "province",
    };

    /// <summary>The unit's code as the index of its level holds it, for a query that is to read that index.</summary>
    public static string UnitCode(int digits) => $"left(village_code, {digits})";

    public static void Configure(StoreOptions opts) => opts.Storage.Add(new ProcedureWorkIndexes(opts));

    public override IEnumerable<Type> DependentTypes()
    {
        yield return typeof(ProcedureWork);
    }

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = ((IReadOnlyStoreOptions)options).FindOrResolveDocumentType(typeof(ProcedureWork)).TableName;
        foreach (var (digits, level) in Levels) yield return new LevelIndex(table, level, digits);
    }

    private sealed class LevelIndex(DbObjectName table, string level, int digits) : ISchemaObject
    {
        public DbObjectName Identifier { get; } =
            new PostgresqlObjectName(table.Schema, $"{table.Name}_idx_{level}_last_step_on", SchemaUtils.IdentifierUsage.General);

        public void WriteCreateStatement(Migrator migrator, TextWriter writer) =>
            writer.WriteLine($"create index if not exists {Identifier.Name} on {table.QualifiedName} (({UnitCode(digits)}), last_step_on, id);");

        public void WriteDropStatement(Migrator rules, TextWriter writer) =>
            writer.WriteLine($"drop index if exists {Identifier.QualifiedName};");

        public void ConfigureQueryCommand(DbCommandBuilder builder)
        {
            builder.Append("select 1 from pg_indexes where schemaname = ");
            builder.AppendParameter(Identifier.Schema);
            builder.Append(" and indexname = ");
            builder.AppendParameter(Identifier.Name);
            builder.Append(";");
        }

        public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default) =>
            new SchemaObjectDelta(this, await reader.ReadAsync(ct) ? SchemaPatchDifference.None : SchemaPatchDifference.Create);

        public IEnumerable<DbObjectName> AllNames()
        {
            yield return Identifier;
        }
    }
}
