using Marten;
using Marten.Events;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Api.Tests.Statistics;
using Registry.Projections.Audit;

namespace Registry.Api.Tests.Hardening;

/// <summary>The trail's writer as a rebuild's pass feeds it: each event written once, and nothing unless every event came.</summary>
[Collection(RebuildCollection.Name)]
public sealed class AuditTrailRebuildTests(AppFixture app)
{
    [Fact]
    public async Task A_page_handed_over_again_is_written_once()
    {
        var (store, events) = await TheLog();
        var before = await Trail(store);

        await Written(store, async (tap, operations) =>
        {
            await tap.ApplyAsync(operations, events, CancellationToken.None);
            await tap.ApplyAsync(operations, events.TakeLast(3).ToList(), CancellationToken.None);
        });

        (await Trail(store)).ShouldBe(before);
    }

    [Fact]
    public async Task A_trail_handed_fewer_events_than_the_log_holds_leaves_the_old_trail()
    {
        var (store, events) = await TheLog();
        var before = await Trail(store);

        (await Should.ThrowAsync<InvalidOperationException>(Written(store,
            (tap, operations) => tap.ApplyAsync(operations, events.Skip(1).ToList(), CancellationToken.None))))
            .Message.ShouldContain("the old trail stays");
        (await Trail(store)).ShouldBe(before);
    }

    [Fact]
    public async Task A_pass_that_fails_stops_the_writer_and_the_writer_that_fails_stops_the_pass()
    {
        var (store, events) = await TheLog();
        var before = await Trail(store);

        var failedPass = new AuditTrailTap();
        var writing = AuditTrailRebuild.Run(store, DataSource(store), failedPass, TimeSpan.FromMinutes(1), CancellationToken.None);
        failedPass.Finish(new InvalidOperationException("the pass failed"));
        (await Should.ThrowAsync<InvalidOperationException>(writing)).Message.ShouldBe("the pass failed");

        // A writer that cannot start (its timeout already over) refuses the pass's pages instead of leaving them waiting.
        var stoppedWriter = new AuditTrailTap();
        await Should.ThrowAsync<OperationCanceledException>(
            AuditTrailRebuild.Run(store, DataSource(store), stoppedWriter, TimeSpan.Zero, CancellationToken.None));
        await using (var operations = store.LightweightSession())
            await Should.ThrowAsync<OperationCanceledException>(async () =>
            {
                // Bounded, so a tap that took the pages instead of refusing them fails here rather than hanging the run.
                foreach (var _ in Enumerable.Range(0, 10))
                    await stoppedWriter.ApplyAsync(operations, events, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            });
        (await Trail(store)).ShouldBe(before);
    }

    /// <summary>A writer fed by <paramref name="feed"/> as by a pass that then ends.</summary>
    private static async Task Written(DocumentStore store, Func<AuditTrailTap, IDocumentOperations, Task> feed)
    {
        var tap = new AuditTrailTap();
        var writing = AuditTrailRebuild.Run(store, DataSource(store), tap, TimeSpan.FromMinutes(1), CancellationToken.None);
        await using (var operations = store.LightweightSession())
            await feed(tap, operations);
        tap.Finish();
        await writing;
    }

    private async Task<(DocumentStore Store, IReadOnlyList<JasperFx.Events.IEvent> Events)> TheLog()
    {
        await KnownMix.For(app);
        var store = (DocumentStore)app.Store;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        events.Count.ShouldBeGreaterThan(3);
        (await Trail(store)).ShouldContain(events[^1].Id.ToString());
        return (store, events);
    }

    private static NpgsqlDataSource DataSource(DocumentStore store) => ((Weasel.Postgresql.PostgresqlDatabase)store.Storage.Database).DataSource;

    /// <summary>The trail's entries, its totals and its progress, as one text to compare.</summary>
    private static async Task<string> Trail(DocumentStore store)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = DataSource(store).CreateCommand($"""
            select concat_ws(' | ',
              (select string_agg(id::text || data::text, ',' order by id) from {schema}.mt_doc_auditentry),
              (select string_agg(concat_ws(' ', village_code, kind, n), ',' order by village_code) from {AuditTotals.Table.QualifiedName(schema)}),
              (select last_seq_id from {schema}.mt_event_progression where name = @progress))
            """);
        command.Parameters.AddWithValue("progress", $"{AuditProjection.ProjectionName}:All");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
