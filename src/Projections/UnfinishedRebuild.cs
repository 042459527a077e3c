using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Registry.Projections;

/// <summary>
/// A row in a database while a rebuild of its read models is under way, deleted when the rebuild has finished. A rebuild that
/// fails leaves it there, with read models holding only the pages that were committed; the API is not ready while it is there,
/// so those read models are never served as whole, and the next rebuild builds them from nothing and deletes it.
/// </summary>
public static class UnfinishedRebuild
{
    public const string Table = "read_model_rebuilds";

    public static void Configure(StoreOptions opts, string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("started_at", "timestamptz").AsPrimaryKey();
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    public static async Task Begin(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"insert into {schema}.{Table} (started_at) values (clock_timestamp())");
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task Finish(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"delete from {schema}.{Table}");
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> Any(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        return (await session.QueryAsync<bool>($"select exists (select 1 from {schema}.{Table})", ct)).Single();
    }
}
