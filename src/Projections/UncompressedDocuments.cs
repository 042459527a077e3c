using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Registry.Projections;

/// <summary>
/// Keeps the documents every household command loads and rewrites whole (a few kilobytes each) in their table rows,
/// uncompressed: past about 2 KB PostgreSQL would otherwise compress each one on every write and decompress it on every read.
/// The tables' <c>toast_tuple_target</c> is raised to its maximum, so only documents larger than a page's worth are still
/// compressed and moved aside. Applied with the rest of the schema, after the documents' tables; rows written before the
/// setting stay compressed until their next write.
/// </summary>
public sealed class UncompressedDocuments(StoreOptions options, params Type[] documentTypes)
    : FeatureSchemaBase("uncompressed-documents", new PostgresqlMigrator())
{
    public const int ToastTupleTarget = 8160;

    /// <summary>The households' write-side snapshot and read model.</summary>
    public static UncompressedDocuments Households(StoreOptions opts) =>
        new(opts, typeof(Households.HouseholdSnapshot), typeof(Households.HouseholdDetails));

    public static void Configure(StoreOptions opts) => opts.Storage.Add(Households(opts));

    protected override IEnumerable<ISchemaObject> schemaObjects() =>
        documentTypes.Select(type => new TableSetting(((IReadOnlyStoreOptions)options).FindOrResolveDocumentType(type).TableName));

    private sealed class TableSetting(DbObjectName table) : ISchemaObject
    {
        private readonly string _setting = $"toast_tuple_target={ToastTupleTarget}";

        public DbObjectName Identifier { get; } = new PostgresqlObjectName(table.Schema, $"{table.Name}_toast_tuple_target", SchemaUtils.IdentifierUsage.General);

        public void WriteCreateStatement(Migrator migrator, TextWriter writer) =>
            writer.WriteLine($"alter table {table.QualifiedName} set (toast_tuple_target = {ToastTupleTarget});");

        public void WriteDropStatement(Migrator rules, TextWriter writer) =>
            writer.WriteLine($"do $$ begin if to_regclass('{table.QualifiedName}') is not null then " +
                             $"alter table {table.QualifiedName} reset (toast_tuple_target); end if; end $$;");

        public void ConfigureQueryCommand(DbCommandBuilder builder)
        {
            builder.Append("select coalesce(reloptions, '{}') from pg_class where oid = to_regclass(");
            builder.AppendParameter(table.QualifiedName);
            builder.Append(");");
        }

        public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
        {
            var set = await reader.ReadAsync(ct) && (await reader.GetFieldValueAsync<string[]>(0, ct)).Contains(_setting);
            return new SchemaObjectDelta(this, set ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
        }

        public IEnumerable<DbObjectName> AllNames()
        {
            yield return Identifier;
        }
    }
}
