using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Registry.Projections.Audit;
using Registry.Projections.Campaigns;
using Registry.Projections.Households;
using Registry.Projections.Monitoring;
using Registry.Projections.People;
using Registry.Projections.Procedures;
using Registry.Projections.Quality;
using Registry.Projections.Statistics;
using Registry.Projections.Submissions;
using Weasel.Core;

namespace Registry.Projections;

/// <summary>The event store's model and every projection with its lifecycle, in one place, apart from where the data lives.</summary>
public static class RegistryStore
{
    public const string DefaultSchema = "registry";

    /// <summary>Events per page the async daemon reads and writes, in a rebuild and while catching up.</summary>
    public const int RebuildBatchSize = 5_000;

    /// <summary>
    /// Projections that read other read models' documents, so a rebuild starts them once the single pass that builds those
    /// (<see cref="OnePass"/>) is done: statistics count the households, the person index takes each household's current
    /// members from its snapshot, and problem totals find the village of a problem opened in an earlier page in its
    /// <c>ProblemView</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> RebuiltAfterTheOthers = new HashSet<string>
    {
        StatisticsProjection.ProjectionName, ProblemTotals.Name, PersonIndexFromHouseholds.LiveName,
    };

    /// <summary>
    /// Read models with a row per event: a rebuild drops their secondary indexes while it writes them and builds each index
    /// once at the end, instead of keeping every index up to date row by row.
    /// </summary>
    public static readonly IReadOnlyList<Type> IndexedAfterRebuild = [typeof(AuditEntry)];

    /// <summary>The registry over one database: what the API runs.</summary>
    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema)
    {
        PooledConnections.KeepPlans(opts);
        opts.Connection(WithConnectionDefaults(connectionString));
        ConfigureModel(opts, schema);
    }

    /// <summary>
    /// The registry over a database per tenant (a province, or a district of a big province), each database with the whole
    /// model: its own event log, sequence, read models and async projection progress. The tenant id names the database.
    /// </summary>
    public static void ConfigureTenantDatabases(StoreOptions opts, IReadOnlyDictionary<string, string> connectionStringsByTenant,
        string schema = DefaultSchema)
    {
        PooledConnections.KeepPlans(opts);
        opts.MultiTenantedDatabases(tenancy =>
        {
            foreach (var (tenantId, connectionString) in connectionStringsByTenant) tenancy.AddSingleTenantDatabase(WithConnectionDefaults(connectionString), tenantId);
        });
        ConfigureModel(opts, schema);
    }

    /// <summary>Bytes a connection reads from PostgreSQL at once, where the connection string names no size of its own.</summary>
    public const int ReadBufferSize = 64 * 1024;

    /// <summary>
    /// Statements each physical connection keeps prepared, where the connection string names no number of its own (Npgsql
    /// prepares a statement once it has run five times on the connection, and forgets the least used beyond this many).
    /// </summary>
    public const int AutoPrepared = 64;

    /// <summary>
    /// The store's connection settings where the connection string names none: a long history or a page of documents arrives
    /// in a few socket reads instead of dozens (Npgsql's default buffer is 8 KiB, and each read that refills it also restarts
    /// the command's timeout timer, which requests at once contend for); and the statements every command repeats (the
    /// append, the documents' upserts, the idempotency record, the daemon's pages and inserts) are prepared once per
    /// connection, so PostgreSQL neither parses them again nor, once it keeps a generic plan, plans them again
    /// (docs/benchmarks.md, §1). The lists filter by columns whose indexes serve a generic plan as well as a custom one.
    /// </summary>
    public static string WithConnectionDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Read Buffer Size") && !given.ContainsKey("ReadBufferSize")) tuned.ReadBufferSize = ReadBufferSize;
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) tuned.MaxAutoPrepare = AutoPrepared;
        return tuned.ConnectionString;
    }

    /// <summary>Everything but the connection: event types and metadata, projections with their lifecycles, indexes, serialization.</summary>
    public static void ConfigureModel(StoreOptions opts, string schema = DefaultSchema)
    {
        ConfigureEvents(opts, schema);
        LeafStore.Configure(opts, schema);

        foreach (var model in ReadModels(schema)) model.Register(opts, model.Live);
        ConfigureReadModels(opts, schema);
        ConfigureWriteSide(opts);
        UncompressedDocuments.Configure(opts);
    }

    /// <summary>
    /// The write side of the streams short enough to fold at each fetch for writing: signed lists, problems and a unit's
    /// policy lines. Live, so they keep no document of their own and a rebuild has nothing of theirs to build; the read
    /// models their queries read are apart. A household, with a long stream, keeps an inline snapshot instead.
    /// </summary>
    private static void ConfigureWriteSide(StoreOptions opts)
    {
        opts.Projections.Add(new SubmissionAggregateProjection(), ProjectionLifecycle.Live);
        opts.Projections.Add(new ProblemAggregateProjection(), ProjectionLifecycle.Live);
        opts.Projections.Add(new Policy.PolicyLinesAggregateProjection(), ProjectionLifecycle.Live);
        opts.Projections.Add(new Org.OrgUnitAggregateProjection(), ProjectionLifecycle.Live);
    }

    /// <summary>Name of the single pass over the log that feeds every projection a rebuild runs together.</summary>
    public const string OnePass = "ReadModels";

    /// <summary>
    /// The same read models arranged for a rebuild alone, never for a store that appends: the projections that read nothing but
    /// the events go into one composite, so the log is read and deserialised once for all of them and each page feeds them
    /// side by side; each keeps the name of its live projection, so the progress it records is the one the live daemon reads.
    /// The audit trail takes its entries from the pass's pages and is written beside it; the projections that read other read
    /// models (the person index among them) run on their own.
    /// </summary>
    /// <param name="trail">The audit trail's share of the pass, handed each page for the trail's writer beside it.</param>
    public static void ConfigureRebuild(StoreOptions opts, AuditTrailTap trail, string schema = DefaultSchema)
    {
        ConfigureEvents(opts, schema);
        LeafStore.Configure(opts, schema);
        var models = ReadModels(schema);
        opts.Projections.CompositeProjectionFor(OnePass, pass =>
        {
            foreach (var model in models.Where(m => m.Rebuild == Rebuilt.InThePass)) model.JoinPass(pass);
            Keep(pass, trail, AuditTrailTap.TapName, _ => { });
        });
        foreach (var model in models.Where(m => m.Rebuild == Rebuilt.Alone))
        {
            if (model.RegisterAlone is { } register) register(opts);
            else model.Register(opts, ProjectionLifecycle.Async);
        }
        ConfigureReadModels(opts, schema);
    }

    /// <summary>Where a rebuild builds a read model: in the single pass over the log, or on its own.</summary>
    private enum Rebuilt { InThePass, Alone }

    /// <summary>A read model's projection, its lifecycle while the registry runs, and where a rebuild builds it.</summary>
    private sealed record ReadModel(ProjectionLifecycle Live, Rebuilt Rebuild, Action<StoreOptions, ProjectionLifecycle> Register,
        Action<CompositeProjection> JoinPass)
    {
        /// <summary>How a rebuild registers it on its own, where that differs from the live projection.</summary>
        public Action<StoreOptions>? RegisterAlone { get; init; }
    }

    /// <summary>The read models the async daemon keeps: one projection agent each, per database.</summary>
    public static int AsyncReadModels => ReadModels(DefaultSchema).Count(m => m.Live == ProjectionLifecycle.Async);

    /// <summary>Every read model, in one place for the live store and for the rebuild's.</summary>
    private static IReadOnlyList<ReadModel> ReadModels(string schema) =>
    [
        // Inline: a client reads its own write, and the person index enforces one household per person in the same transaction.
        // The write side's snapshot stores the household's read model from each new snapshot (a side effect), so a command
        // loads one document and writes both without reading the read model first.
        Projection<HouseholdSnapshotProjection>(ProjectionLifecycle.Inline, Rebuilt.InThePass),
        // Kept inline by the snapshot's side effect; a rebuild raises no side effects, so it folds the read model in the pass.
        new(ProjectionLifecycle.Inline, Rebuilt.InThePass, (_, _) => { }, pass => pass.Add<HouseholdDetailsProjection>()),
        // Looks up its own entries as it follows members through the log; a rebuild takes each open household's current members
        // from its final snapshot instead, after the pass.
        Projection<PersonIndexProjection>(ProjectionLifecycle.Inline, Rebuilt.Alone) with
        {
            RegisterAlone = opts => opts.Projections.Add(new PersonIndexFromHouseholds(), ProjectionLifecycle.Async, PersonIndexFromHouseholds.LiveName,
                PersonIndexFromHouseholds.Teardown),
        },
        Projection<SubmissionViewProjection>(ProjectionLifecycle.Inline, Rebuilt.InThePass),
        // A cleaning run writes the problems it opens itself, with these two projections' code (ProblemOpenings in the API):
        // another inline projection of problem events must be applied there as well.
        Projection<ProblemViewProjection>(ProjectionLifecycle.Inline, Rebuilt.InThePass),
        Projection<Policy.PolicyLinesViewProjection>(ProjectionLifecycle.Inline, Rebuilt.InThePass),
        Projection<Org.OrgUnitProjection>(ProjectionLifecycle.Inline, Rebuilt.InThePass),
        // The problem list's totals change in the transaction its rows do; a rebuild counts them again from nothing, after the pass
        // (it finds the village of a problem opened in an earlier page in its ProblemView).
        Counts(() => new ProblemTotalsProjection(), ProblemTotals.Name, ProblemTotals.Table.Teardown(schema), ProjectionLifecycle.Inline, Rebuilt.Alone),
        // Reads registrations and splits only: a few of the log's events, not worth a place in the pass.
        Counts(() => new HouseholdTotalsProjection(), HouseholdTotals.Name, HouseholdTotals.Table.Teardown(schema), ProjectionLifecycle.Inline,
            Rebuilt.Alone),

        // Async: work queues and monitoring views for offices; a moment's lag is fine and keeps writes lean.
        Projection<ProcedureQueueProjection>(ProjectionLifecycle.Async, Rebuilt.InThePass),
        Projection<ProcedureWorkProjection>(ProjectionLifecycle.Async, Rebuilt.InThePass),
        Counts(() => new ProcedureTotalsProjection(), ProcedureTotals.Name, ProcedureTotals.Table.Teardown(schema), ProjectionLifecycle.Async,
            Rebuilt.InThePass),
        Projection<MonitoringProjection>(ProjectionLifecycle.Async, Rebuilt.InThePass),
        // Remembers each household's counted kind in its own documents: a rebuild runs it on its own, from its two kinds of event.
        Counts(() => new MonitoringTotalsProjection(), MonitoringTotals.Name, MonitoringTotalsTeardown(schema), ProjectionLifecycle.Async, Rebuilt.Alone),
        // Live, a page of it is one insert of every entry and its totals beside them. The registry's rebuild writes the trail
        // from the pass's pages (AuditTrailTap) by binary COPY beside the daemon, counting the totals as it goes (AuditTrailRebuild).
        Counts(() => new AuditProjection(), AuditProjection.ProjectionName, AuditProjection.Teardown(schema), ProjectionLifecycle.Async, Rebuilt.Alone),
        Counts(() => new CampaignCountsProjection(), CampaignCounts.Name, CampaignCountsTeardown(schema), ProjectionLifecycle.Async, Rebuilt.InThePass),
        // Statistics count households from their inline documents, so they run after those are committed (in a rebuild, after the pass).
        Counts(() => new StatisticsProjection(), StatisticsProjection.ProjectionName, StatisticsProjection.Teardown, ProjectionLifecycle.Async,
            Rebuilt.Alone, alone: StatisticsProjection.AfterTheReadModels),
    ];

    private static ReadModel Projection<T>(ProjectionLifecycle live, Rebuilt rebuild)
        where T : ProjectionBase, IProjectionSource<IDocumentOperations, IQuerySession>, new() =>
        new(live, rebuild, (opts, lifecycle) => opts.Projections.Add<T>(lifecycle), pass => pass.Add<T>());

    /// <summary>A projection of kept counts: its own name, and a teardown that empties what it keeps before a rebuild counts again.</summary>
    /// <param name="alone">The projection a rebuild runs on its own under the same name, where it differs from the live one.</param>
    private static ReadModel Counts(Func<IProjection> projection, string name, Action<AsyncOptions> teardown, ProjectionLifecycle live, Rebuilt rebuild,
        Func<IProjection>? alone = null) =>
        new(live, rebuild, (opts, lifecycle) => opts.Projections.Add(projection(), lifecycle, name, teardown),
            pass => Keep(pass, projection(), name, teardown))
        {
            RegisterAlone = alone is null ? null : opts => opts.Projections.Add(alone(), ProjectionLifecycle.Async, name, teardown),
        };

    /// <summary>A plain projection in a composite is named after its class: the live one's name keeps its progress in one row.</summary>
    private static void Keep(CompositeProjection pass, IProjection projection, string name, Action<AsyncOptions> teardown)
    {
        pass.Add(projection, teardown);
        ((ProjectionBase)pass.AllProjections().Single(p => p.ImplementationType == projection.GetType())).Name = name;
    }

    private static Action<AsyncOptions> MonitoringTotalsTeardown(string schema) => async =>
    {
        MonitoringTotals.Table.Teardown(schema)(async);
        async.DeleteViewTypeOnTeardown<MonitoredKind>();
    };

    private static Action<AsyncOptions> CampaignCountsTeardown(string schema) => async =>
    {
        foreach (var table in CampaignCounts.Tables(schema)) async.DeleteDataInTableOnTeardown(table);
    };

    /// <summary>The read models' tables, columns and indexes, and the pages the daemon works in.</summary>
    private static void ConfigureReadModels(StoreOptions opts, string schema)
    {
        ProblemTotals.Table.Configure(opts, schema);
        HouseholdTotals.Table.Configure(opts, schema);
        AuditTotals.Table.Configure(opts, schema);
        ProcedureTotals.Table.Configure(opts, schema);
        MonitoringTotals.Table.Configure(opts, schema);
        CampaignCounts.Configure(opts, schema);
        UnfinishedRebuild.Configure(opts, schema);
        Procedures.ProcedureWorkIndexes.Configure(opts);

        // Pages of events as large as a rebuild reads them: fewer round trips and transactions, and an aggregate written once
        // per page rather than once per few events. A page whose writes are all inserts (the audit trail's) goes in as binary COPY.
        foreach (var projection in opts.Projections.All) projection.Options.BatchSize = RebuildBatchSize;
        opts.Projections.RebuildWithBulkCopy = true;

        // Columns of their own for the unit codes lists filter, sort and count by: an index on them serves a unit's range.
        // The roster's order in the column's own index (village, then id): a page, however deep, is a range of the index, and
        // the ids of the rows it skips are read from the index without their documents.
        opts.Schema.For<HouseholdSnapshot>();
        opts.Schema.For<HouseholdDetails>().Duplicate(x => x.VillageCode, pgType: "varchar", configure: index => index.Mask = "?, id");
        opts.Schema.For<PersonIndexEntry>().Index(x => x.MemberId).Index(x => x.HouseholdId);
        opts.Schema.For<ProcedureQueue>().Duplicate(x => x.VillageCode, pgType: "varchar");
        // The work queue sorts by the last step's date, then id: its indexes hold that whole order (many procedures share a
        // date) under a village's code (here), a town's and a district's (ProcedureWorkIndexes) and alone, so a page reads a
        // page's worth of one of them.
        opts.Schema.For<ProcedureWork>().Duplicate(x => x.VillageCode, pgType: "varchar", configure: index => index.Mask = "?, last_step_on, id")
            .Duplicate(x => x.LastStepOn, pgType: "date", configure: index => index.Mask = "?, id");
        // Only monitored households have a code in this column, so the view's range reads only the rows it lists. Its index
        // stays narrow: the view counts its unit's rows per request, and the id beside the code made that count a half slower.
        opts.Schema.For<MonitoringRow>()
            .Duplicate(x => x.MonitoredVillageCode!, pgType: "varchar")
            .Duplicate(x => x.StepsDueOn!, pgType: "date");
        opts.Schema.For<SubmissionView>().Duplicate(x => x.VillageCode, pgType: "varchar");
        opts.Schema.For<Policy.PolicyLinesView>().Index(x => x.UnitCode);
        opts.Schema.For<Org.OrgUnit>().Index(x => x.ParentCode);
        // The problem list's total is kept, so its index holds the list's whole order (village, then id): a page reads fifty
        // entries of it rather than sorting a village's problems.
        opts.Schema.For<ProblemView>().Duplicate(x => x.VillageCode, pgType: "varchar", configure: index => index.Mask = "?, id")
            .Index(x => x.HouseholdId);
        opts.Schema.For<MonitoredKind>();
        opts.Schema.For<UnitStatistics>();
        opts.Schema.For<HouseholdTally>();
        opts.Schema.For<MemberChange>().Duplicate(x => x.VillageCode, pgType: "varchar").Index(x => x.HouseholdId);
        opts.Schema.For<AuditEntry>().Index(x => x.StreamId).Duplicate(x => x.UnitCode, pgType: "varchar").Index(x => x.RecordedAt).Index(x => x.ActorId).Index(x => x.Sequence);
    }

    /// <summary>The event store alone: serialisation, stream identity, metadata and event names, without any projection.</summary>
    public static void ConfigureEvents(StoreOptions opts, string schema)
    {
        opts.DatabaseSchemaName = schema;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Nodes applying schema changes take turns per schema: a store of another schema in the same database need not wait.
        opts.ApplyChangesLockId = BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("schema:" + schema)));
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // The household snapshot's projection writes the household's read model as a side effect of the inline fold.
        opts.Events.EnableSideEffectsOnInlineProjections = true;
        // A command's snapshot, fetched for writing, stays in the session: the chain stamp and the inline projections read it there instead of again.
        opts.Events.UseIdentityMapForAggregates = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var (type, name) in EventTypes.Names) opts.Events.MapEventType(type, name);
    }
}
