using Marten;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Projections;
using Weasel.Postgresql;

namespace Registry.Api.Tests.Hardening;

public sealed class PooledConnectionTests
{
    /// <summary>
    /// A connection back from the pool has lost what its last user set (settings, advisory locks, the application's name) but
    /// keeps its prepared statement: Npgsql reset it without <c>DISCARD ALL</c>, which would also have dropped the plans of
    /// Marten's append function.
    /// </summary>
    [Fact]
    public async Task A_connection_back_from_the_pool_is_reset_but_keeps_its_plans()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestDatabase.ConnectionString()) { MaxPoolSize = 1 }.ConnectionString;
        using var store = DocumentStore.For(opts => RegistryStore.Configure(opts, connectionString, "pooled_connections"));
        var source = ((PostgresqlDatabase)store.Storage.Database).DataSource;

        int backend;
        await using (var first = await source.OpenConnectionAsync())
        {
            backend = first.ProcessID;
            await Execute(first, "set application_name = 'left-behind'; set work_mem = '77MB'; select pg_advisory_lock(424242)");
        }

        await using var second = await source.OpenConnectionAsync();
        second.ProcessID.ShouldBe(backend, "the pool of one hands back the same server connection");
        (await Scalar(second, "select current_setting('application_name')")).ShouldNotBe("left-behind");
        (await Scalar(second, "select current_setting('work_mem')")).ShouldNotBe("77MB");
        (await Scalar(second, "select count(*)::text from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")).ShouldBe("0");
        (await Scalar(second, $"select count(*)::text from pg_prepared_statements where statement = '{PooledConnections.KeptStatement}'")).ShouldBe("1");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
