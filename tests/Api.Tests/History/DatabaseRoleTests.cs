using Npgsql;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.History;

/// <summary>The service's database role as scripts/db-grants.sql leaves it: it appends events and leaves, and changes none.</summary>
[Collection(HistoryCollection.Name)]
public sealed class DatabaseRoleTests(HistoryFixture fixture)
{
    private AppFixture App => fixture.App;

    internal static string Script(string schema, string apply, string service) =>
        File.ReadAllText(Path.Combine(Repository.Root, "scripts", "db-grants.sql"))
            .Replace(":\"schema\"", $"\"{schema}\"", StringComparison.Ordinal)
            .Replace(":\"apply_role\"", $"\"{apply}\"", StringComparison.Ordinal)
            .Replace(":\"service_role\"", $"\"{service}\"", StringComparison.Ordinal);

    [Fact]
    public async Task The_service_role_may_append_and_read_events_but_not_update_or_delete_them()
    {
        var (_, village) = await App.NewVillage();
        var household = await HistoryDriver.Household(App, village);
        await HistoryDriver.Checkpoint(App);
        var service = "svc_" + App.Schema;
        var apply = "apl_" + App.Schema;
        var admin = await TestDatabase.ConnectionString();
        await Execute(admin, $"create role \"{apply}\" login; create role \"{service}\" login;");
        try
        {
            await Execute(admin, Script(App.Schema, apply, service));
            var asService = new NpgsqlConnectionStringBuilder(admin) { Username = service, Password = null, Pooling = false }.ConnectionString;
            var s = App.Schema;

            (await Scalar(asService, $"select count(*) from {s}.mt_events where stream_id = '{household}'")).ShouldBe(3L);
            (await Scalar(asService, $"select count(*) from {s}.audit_leaves where stream_id = '{household}'")).ShouldBe(3L);
            await Execute(asService, $"""
                begin;
                insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, headers, correlation_id)
                select nextval('{s}.mt_events_sequence'), gen_random_uuid(), stream_id, 4, data, type, now(), tenant_id, headers, correlation_id
                from {s}.mt_events where stream_id = '{household}' and version = 3;
                insert into {s}.audit_leaves (leaf_index, seq_id, stream_id, version, recorded_at, leaf_hash) values (-1, -1, '{household}', 4, 0, '\x00');
                rollback;
                """);

            foreach (var forbidden in new[]
            {
                $"update {s}.mt_events set data = data || '{{\"forged\": true}}' where stream_id = '{household}'",
                $"update {s}.mt_events set timestamp = timestamp - interval '1 day' where stream_id = '{household}'",
                $"delete from {s}.mt_events where stream_id = '{household}'",
                $"truncate {s}.mt_events",
                $"delete from {s}.mt_streams where id = '{household}'",
                $"update {s}.audit_leaves set leaf_hash = '\\x00'",
                $"delete from {s}.audit_leaves",
                $"alter table {s}.mt_events disable trigger all",
                $"create table {s}.forged (id int)",
            })
            {
                var refused = await Should.ThrowAsync<PostgresException>(() => Execute(asService, forbidden), forbidden);
                refused.SqlState.ShouldBeOneOf(PostgresErrorCodes.InsufficientPrivilege, forbidden);
            }
        }
        finally
        {
            await Execute(admin, $"drop owned by \"{service}\", \"{apply}\"; drop role \"{service}\"; drop role \"{apply}\";");
        }
    }

    internal static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
