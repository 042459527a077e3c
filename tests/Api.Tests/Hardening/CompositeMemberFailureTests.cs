using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Projections;
using Weasel.Postgresql;

namespace Registry.Api.Tests.Hardening;

/// <summary>
/// The rebuild's single pass (<c>RegistryStore.OnePass</c>) is a Marten composite: every page's writes of all its members commit
/// in one batch with every member's progress. A member that fails other than in applying one event (its grouping, or its work
/// on the page as a whole, such as a read cut off by a database fault): the page it failed on commits for no member, so no read
/// model holds less than its progress says; but the daemon's rebuild stops there as if done, so <see cref="RebuildEnd"/> tells
/// such a stop from the end of the log and the registry's rebuild stays unfinished.
/// </summary>
public sealed class CompositeMemberFailureTests
{
    private const int Streams = 300;
    private const int EventsPerStream = 5;
    private const string Pass = "FaultyPass";

    public enum Fault { None, Grouping, PageWork }

    [Theory]
    [InlineData(Fault.Grouping)]
    [InlineData(Fault.PageWork)]
    public async Task A_member_failing_outside_an_event_commits_its_page_for_no_member_and_the_rebuild_is_known_short(Fault fault)
    {
        await using var store = await StoreWithEvents($"composite_fault_{fault}".ToLowerInvariant(), fault);
        var poison = await Scalar(store, "select seq_id from {0}.mt_events where type = 'poisoned'");

        using var daemon = await store.BuildProjectionDaemonAsync();
        // This JasperFx version returns as if done; one that reports the failure is as good.
        await Record.ExceptionAsync(() => daemon.RebuildProjectionAsync(Pass, TimeSpan.FromMinutes(1), CancellationToken.None));

        var progress = await Progress(store);
        progress.Values.Distinct().ShouldHaveSingleItem().ShouldBeLessThan(poison);
        var counted = await Scalar(store, $"select count(*) from {{0}}.mt_events where type = 'counted' and seq_id <= {progress.Values.First()}");
        (await PerStreamTotal(store)).ShouldBe(counted);
        (await WholeLogTotal(store)).ShouldBe(counted);
        var end = await Scalar(store, "select max(seq_id) from {0}.mt_events");
        var stop = await Should.ThrowAsync<RebuildStoppedShortException>(() => RebuildEnd.EnsureReached(DataSource(store),
            store.Options.Events.DatabaseSchemaName, progress.Keys, end, CancellationToken.None));
        stop.Reached.Keys.ShouldBe(progress.Keys, ignoreOrder: true);
    }

    /// <summary>The same log, poison and all, with a member that does not fail on it: the pass builds both to the log's end.</summary>
    [Fact]
    public async Task Without_the_fault_the_pass_builds_both_members_to_the_end_of_the_log()
    {
        await using var store = await StoreWithEvents("composite_fault_none", Fault.None);

        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(Pass, TimeSpan.FromMinutes(1), CancellationToken.None);

        var end = await Scalar(store, "select max(seq_id) from {0}.mt_events");
        var progress = await Progress(store);
        progress.Values.ShouldAllBe(p => p == end);
        (await PerStreamTotal(store)).ShouldBe(Streams * EventsPerStream - 1);
        (await WholeLogTotal(store)).ShouldBe(Streams * EventsPerStream - 1);
        await RebuildEnd.EnsureReached(DataSource(store), store.Options.Events.DatabaseSchemaName, progress.Keys, end, CancellationToken.None);
    }

    private static async Task<DocumentStore> StoreWithEvents(string schema, Fault fault)
    {
        var connectionString = await TestDatabase.ConnectionString();
        var store = DocumentStore.For(opts =>
        {
            opts.Connection(connectionString);
            opts.DatabaseSchemaName = schema;
            opts.Events.DatabaseSchemaName = schema;
            opts.AutoCreateSchemaObjects = AutoCreate.All;
            opts.Projections.CompositeProjectionFor(Pass, pass =>
            {
                pass.Add<PerStreamTallyProjection>();
                if (fault == Fault.Grouping) pass.Add(new GroupedTallyProjection());
                else pass.Add(new PageWorkTallyProjection(faulty: fault == Fault.PageWork));
            });
        });
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        // Three pages of the daemon's 500 events; the poison sits in the third.
        await using var session = store.LightweightSession();
        for (var i = 0; i < Streams; i++)
        {
            object last = i == Streams * 4 / 5 ? new Poisoned() : new Counted();
            session.Events.StartStream(Guid.NewGuid(), [.. Enumerable.Range(0, EventsPerStream - 1).Select(_ => (object)new Counted()), last]);
            if (i % 50 == 49) await session.SaveChangesAsync();
        }
        await session.SaveChangesAsync();
        return store;
    }

    private static async Task<long> PerStreamTotal(DocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<PerStreamTally>().ToListAsync()).Sum(t => (long)t.Count);
    }

    private static async Task<long> WholeLogTotal(DocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<WholeLogTally>(WholeLogTally.TheOne))?.Count ?? 0;
    }

    /// <summary>Each member's recorded progress, by the member's name.</summary>
    private static async Task<Dictionary<string, long>> Progress(DocumentStore store)
    {
        var members = store.Options.Projections.All.OfType<CompositeProjection>().Single().AllProjections().Select(p => p.Name).ToList();
        members.Count.ShouldBe(2);
        var progress = new Dictionary<string, long>();
        foreach (var member in members)
            progress[member] = await Scalar(store, $"select coalesce(max(last_seq_id), 0) from {{0}}.mt_event_progression where name = '{member}:All'");
        return progress;
    }

    private static NpgsqlDataSource DataSource(DocumentStore store) => ((PostgresqlDatabase)store.Storage.Database).DataSource;

    /// <param name="sql">With <c>{0}</c> for the store's schema.</param>
    private static async Task<long> Scalar(DocumentStore store, string sql)
    {
        await using var command = DataSource(store).CreateCommand(string.Format(sql, store.Options.Events.DatabaseSchemaName));
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public sealed record Counted;

    public sealed record Poisoned;

    public sealed record PerStreamTally(Guid Id, int Count);

    public sealed class PerStreamTallyProjection : SingleStreamProjection<PerStreamTally, Guid>
    {
        public PerStreamTallyProjection() => Name = nameof(PerStreamTally);

        public PerStreamTally Create(IEvent<Counted> e) => new(e.StreamId, 1);

        public PerStreamTally Apply(Counted _, PerStreamTally tally) => tally with { Count = tally.Count + 1 };
    }

    public sealed record WholeLogTally(string Id, long Count)
    {
        public const string TheOne = "log";
    }

    /// <summary>Counts the log's counted events a page at a time; the page that holds the poison fails as a database fault would.</summary>
    public sealed class PageWorkTallyProjection : ProjectionBase, IProjection
    {
        private readonly bool faulty;

        public PageWorkTallyProjection(bool faulty)
        {
            this.faulty = faulty;
            Name = nameof(WholeLogTally);
        }

        public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
        {
            if (faulty && events.Any(e => e.Data is Poisoned)) throw new NpgsqlException("page read cut off");
            var tally = await operations.LoadAsync<WholeLogTally>(WholeLogTally.TheOne, cancellation) ?? new WholeLogTally(WholeLogTally.TheOne, 0);
            operations.Store(tally with { Count = tally.Count + events.Count(e => e.Data is Counted) });
        }
    }

    /// <summary>The same count as a multi-stream aggregate whose grouping fails on the page that holds the poison.</summary>
    public sealed class GroupedTallyProjection : MultiStreamProjection<WholeLogTally, string>
    {
        public GroupedTallyProjection()
        {
            Name = nameof(WholeLogTally);
            CustomGrouping((_, events, grouping) =>
            {
                if (events.Any(e => e.Data is Poisoned)) throw new NpgsqlException("grouping cut off");
                foreach (var e in events.Where(e => e.Data is Counted)) grouping.AddEvent(WholeLogTally.TheOne, e);
                return Task.CompletedTask;
            });
        }

        public WholeLogTally Create(Counted _) => new(WholeLogTally.TheOne, 1);

        public WholeLogTally Apply(Counted _, WholeLogTally tally) => tally with { Count = tally.Count + 1 };
    }
}
