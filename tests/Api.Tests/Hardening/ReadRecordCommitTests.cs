using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Api.Audit;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.Hardening;

/// <summary>
/// Records of reads made while a commit of records is under way wait for it and then share one commit; no reader is released
/// before the commit that holds its record, and a commit that fails fails only the reads it held.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReadRecordCommitTests(AppFixture app)
{
    private string Table => $"{app.Schema}.mt_doc_sensitiveread";

    private ReadRecordCommits Commits => app.Host.Services.GetRequiredService<ReadRecordCommits>();

    private string District => app.Host.Services.GetRequiredService<Registry.Api.Tenancy.Districts>().TenantOfUnit(AppFixture.District);

    [Fact]
    public async Task Records_of_reads_made_while_a_commit_waits_share_the_next_commit_and_none_is_released_before_it()
    {
        var first = Read();
        await using var blocker = await HoldId(first.Id);
        var (firstCommitted, later, laterCommitted) = await CommitBehind(first, blocker);

        await blocker.Transaction.RollbackAsync();
        await firstCommitted;
        await Task.WhenAll(laterCommitted);

        var ids = ("ids", (object)later.Select(r => r.Id).ToArray());
        (await Scalar($"select count(*) from {Table} where id = any(@ids)", ids)).ShouldBe(later.Count);
        (await Scalar($"select count(distinct mt_last_modified) from {Table} where id = any(@ids)", ids)).ShouldBe(1, "one transaction for the reads that waited");
        (await Scalar($"select count(*) from {Table} where id = any(@ids) and mt_last_modified = (select mt_last_modified from {Table} where id = '{first.Id}')", ids))
            .ShouldBe(0);
    }

    [Fact]
    public async Task A_commit_that_fails_fails_only_its_own_reads_and_the_reads_behind_it_commit()
    {
        var first = Read();
        await using var blocker = await HoldId(first.Id);
        var (firstCommitted, later, laterCommitted) = await CommitBehind(first, blocker);

        (await Scalar($"select count(pg_cancel_backend(pid)) from pg_stat_activity where pg_blocking_pids(pid) @> array[{blocker.Connection.ProcessID}] " +
            $"and query like 'insert into {Table}%unnest%'")).ShouldBe(1);
        var cancelled = await Should.ThrowAsync<PostgresException>(() => firstCommitted);
        cancelled.SqlState.ShouldBe(PostgresErrorCodes.QueryCanceled);
        (ProblemExceptionHandler.Map(cancelled) as IStatusCodeHttpResult).ShouldNotBeNull().StatusCode.ShouldBe(503);
        await Task.WhenAll(laterCommitted);
        await blocker.Transaction.RollbackAsync();
        (await Scalar($"select count(*) from {Table} where id = any(@ids)", ("ids", later.Select(r => r.Id).ToArray()))).ShouldBe(later.Count);
        (await Scalar($"select count(*) from {Table} where id = '{first.Id}'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_commit_that_outlasts_its_time_fails_its_reads_as_the_database_being_unavailable()
    {
        var first = Read();
        await using var blocker = await HoldId(first.Id);
        var commits = new ReadRecordCommits(app.Store, NullLogger<ReadRecordCommits>.Instance) { CommitTimeout = TimeSpan.FromSeconds(1) };

        var failure = await Should.ThrowAsync<TimeoutException>(() => commits.Commit(District, [first], CancellationToken.None));

        (ProblemExceptionHandler.Map(failure) as IStatusCodeHttpResult).ShouldNotBeNull().StatusCode.ShouldBe(503);
        (await Scalar($"select count(*) from {Table} where id = '{first.Id}'")).ShouldBe(0, "the timed-out insert was cancelled");
        await blocker.Transaction.RollbackAsync();
        var next = Read();
        await Commits.Commit(District, [next], CancellationToken.None);
        (await Scalar($"select count(*) from {Table} where id = '{next.Id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_record_committed_with_others_is_stored_as_the_document_store_stores_one()
    {
        var stored = Read();
        var committed = stored with { Id = Guid.CreateVersion7() };
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(stored);
            await session.SaveChangesAsync();
        }
        await Commits.Commit(District, [committed], CancellationToken.None);

        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select (to_jsonb(t) - 'id' - 'mt_version' - 'mt_last_modified' || jsonb_build_object('data', t.data - 'id'))::text, " +
            $"mt_version is not null and mt_last_modified is not null from {Table} t where id = any(@ids) order by id", connection);
        command.Parameters.AddWithValue("ids", new[] { stored.Id, committed.Id });
        await using var rows = await command.ExecuteReaderAsync();
        var seen = new List<(string Row, bool Stamped)>();
        while (await rows.ReadAsync()) seen.Add((rows.GetString(0), rows.GetBoolean(1)));
        seen.Count.ShouldBe(2);
        seen[1].ShouldBe(seen[0]);
        seen[0].Stamped.ShouldBeTrue();
        (await app.Store.QuerySession().LoadAsync<SensitiveRead>(committed.Id)).ShouldNotBeNull().CorrelationId.ShouldBe(stored.CorrelationId);
    }

    /// <summary>Commits the first record, waits until its insert waits on the held id, then commits eight more behind it.</summary>
    private async Task<(Task First, List<SensitiveRead> Later, List<Task> LaterCommitted)> CommitBehind(SensitiveRead first, HeldId blocker)
    {
        var firstCommitted = Commits.Commit(District, [first], CancellationToken.None);
        var waited = Stopwatch.StartNew();
        while (await Scalar($"select count(*) from pg_stat_activity where pg_blocking_pids(pid) @> array[{blocker.Connection.ProcessID}]") == 0)
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the first commit never waited on the held id");
        var later = Enumerable.Range(0, 8).Select(_ => Read()).ToList();
        var laterCommitted = later.Select(r => Commits.Commit(District, [r], CancellationToken.None)).ToList();
        firstCommitted.IsCompleted.ShouldBeFalse();
        laterCommitted.ShouldAllBe(t => !t.IsCompleted);
        return (firstCommitted, later, laterCommitted);
    }

    /// <summary>Another transaction inserts a row of the given id and keeps it uncommitted: an insert of that id waits on it.</summary>
    private async Task<HeldId> HoldId(Guid id)
    {
        await app.Store.Storage.Database.EnsureStorageExistsAsync(typeof(SensitiveRead));
        var connection = new NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"insert into {Table} (id, data, mt_dotnet_type) values (@id, '{{}}', 'blocker')", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
        return new HeldId(connection, transaction);
    }

    private Task<long> Scalar(string sql, params (string Name, object Value)[] parameters) => History.HistoryDriver.Scalar(app, sql, parameters);

    private static SensitiveRead Read() =>
        new(Guid.CreateVersion7(), "record-commit-test", "测试", "VillageClerk", AppFixture.District, Guid.NewGuid(), AppFixture.District, [Guid.NewGuid()],
            "test", true, Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);

    private sealed record HeldId(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
