using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Fixtures;
using Registry.Projections;

namespace Registry.Api.Tests.Hardening;

/// <summary>
/// The offices' read models run on one agent that carries on from its own progress row: at start it takes its members' common
/// progress, and members left apart mark the database for a rebuild instead of being applied twice or skipped.
/// </summary>
public sealed class OfficeViewsProgressTests
{
    private const string Own = RegistryStore.OfficeViews + ":All";

    [Fact]
    public async Task The_agent_takes_its_members_common_progress_and_members_apart_mark_the_database_for_a_rebuild()
    {
        var connectionString = await TestDatabase.ConnectionString();
        var schema = "ov" + Guid.NewGuid().ToString("N")[..10];
        using var store = ReadModels.StoreFor(connectionString, schema);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var members = OfficeViewsProgress.Members(store.Options);
        var carryOver = new OfficeViewsCarryOver(NullLogger<OfficeViewsCarryOver>.Instance);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        // A new database: nothing recorded, the agent starts from the first event with its members.
        await carryOver.Populate(store, CancellationToken.None);
        (await Progress(dataSource, schema)).ShouldBeEmpty();

        // A database whose members each had an agent of their own, all at the same event.
        foreach (var member in members) await Set(dataSource, schema, member + ":All", 42);
        await carryOver.Populate(store, CancellationToken.None);
        (await Progress(dataSource, schema))[Own].ShouldBe(42);
        (await RebuildMarked(dataSource, schema)).ShouldBeFalse();

        // After a rebuild, which records only the members' progress.
        foreach (var member in members) await Set(dataSource, schema, member + ":All", 50);
        await carryOver.Populate(store, CancellationToken.None);
        (await Progress(dataSource, schema))[Own].ShouldBe(50);

        // Members apart: the agent's row stays, and the API is not ready until a rebuild.
        await Set(dataSource, schema, members[0] + ":All", 55);
        await carryOver.Populate(store, CancellationToken.None);
        (await Progress(dataSource, schema))[Own].ShouldBe(50);
        (await RebuildMarked(dataSource, schema)).ShouldBeTrue();
    }

    private static async Task Set(NpgsqlDataSource dataSource, string schema, string name, long at)
    {
        await using var command = dataSource.CreateCommand($"""
            insert into {schema}.mt_event_progression (name, last_seq_id) values ($1, $2)
            on conflict (name) do update set last_seq_id = excluded.last_seq_id
            """);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(at);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, long>> Progress(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"select name, last_seq_id from {schema}.mt_event_progression");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = reader.GetInt64(1);
        return rows;
    }

    private static async Task<bool> RebuildMarked(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"select exists (select 1 from {schema}.{UnfinishedRebuild.Table})");
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
