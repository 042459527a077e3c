using System.Diagnostics;
using System.Runtime.ExceptionServices;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Marten.Storage;
using Npgsql;
using Registry.Projections.Audit;
using Weasel.Postgresql;

namespace Registry.Projections;

/// <summary>
/// How long one rebuild took, from the start of the whole rebuild to its own end, and which of the live store's projections
/// it rebuilt (several for the single pass, one otherwise).
/// </summary>
public sealed record ProjectionRebuilt(string Name, string Lifecycle, TimeSpan Took, TimeSpan FinishedAfter, IReadOnlyList<string> Covers);

/// <summary>
/// Rebuilds every read model of one database from the event log with Marten's projection daemon, over a store arranged for
/// rebuilding (<see cref="RegistryStore.ConfigureRebuild"/>): the projections that read nothing but events in one pass over
/// the log, beside the audit trail; the projections that read other read models' documents (the statistics, the person
/// index, the problem totals: <see cref="RegistryStore.RebuiltAfterTheOthers"/>) once that pass is done. Each page's writes commit with the progress
/// of every projection fed by it, under the live projections' names. A rebuild that fails, or whose read models stop short of
/// the log's last event (<see cref="RebuildEnd"/>), is left marked
/// (<see cref="UnfinishedRebuild"/>): the API is not ready until a rebuild finishes.
/// </summary>
public static class ReadModelRebuild
{
    /// <param name="concurrency">
    /// How many rebuilds run at once; by default twice the machine's cores, since each alternates between reading a page,
    /// applying it and waiting for PostgreSQL to commit it, and alone keeps a core busy only part of the time.
    /// </param>
    public static async Task<IReadOnlyList<ProjectionRebuilt>> All(DocumentStore store, IMartenDatabase database, TimeSpan timeout,
        CancellationToken ct, int? concurrency = null, Action<string>? progress = null)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var dataSource = ((PostgresqlDatabase)database).DataSource;
        // The live store owns the schema; the rebuild's store only writes rows into it.
        var trail = new AuditTrailTap();
        using var rebuildStore = DocumentStore.For(opts =>
        {
            opts.Connection(dataSource);
            RegistryStore.ConfigureRebuild(opts, trail, schema);
            opts.AutoCreateSchemaObjects = AutoCreate.None;
        });
        using var daemon = await rebuildStore.BuildProjectionDaemonAsync();
        await UnfinishedRebuild.Begin(dataSource, schema, ct);
        var end = await RebuildEnd.LastEvent(dataSource, schema, ct);

        var live = store.Options.Projections.All.ToDictionary(p => p.Name, p => p.Lifecycle);
        var projections = rebuildStore.Options.Projections.All.ToList();
        var results = new List<ProjectionRebuilt>();
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency ?? 2 * Environment.ProcessorCount));

        async Task Rebuild(IProjectionSource<IDocumentOperations, IQuerySession> projection)
        {
            var covers = projection is CompositeProjection pass
                ? pass.AllProjections().Select(p => p.Name).Where(n => n != AuditTrailTap.TapName).ToList()
                : [projection.Name];
            var lifecycle = string.Join(", ", covers.Select(live.GetValueOrDefault).Distinct());
            var tables = projection.PublishedTypes().Intersect(RegistryStore.IndexedAfterRebuild)
                .Select(t => ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(t).TableName.Name).ToList();
            // The trail's writer takes no slot: the pass, which has one, waits on it.
            var isTrail = projection.Name == AuditProjection.ProjectionName;
            if (!isTrail) await slots.WaitAsync(ct);
            try
            {
                progress?.Invoke($"rebuilding {projection.Name}");
                var own = Stopwatch.StartNew();
                await WithoutSecondaryIndexes(dataSource, schema, tables,
                    () => isTrail ? AuditTrailRebuild.Run(rebuildStore, dataSource, trail, timeout, ct)
                        : projection.Name == RegistryStore.OnePass ? Pass(daemon, trail, timeout, ct)
                        : daemon.RebuildProjectionAsync(projection.Name, timeout, ct), ct);
                await RebuildEnd.EnsureReached(dataSource, schema, covers, end, ct);
                lock (results) results.Add(new ProjectionRebuilt(projection.Name, lifecycle, own.Elapsed, clock.Elapsed, covers));
                progress?.Invoke($"rebuilt {projection.Name} in {own.Elapsed.TotalSeconds:0.0} s");
            }
            catch (Exception e) when (isTrail || projection.Name == RegistryStore.OnePass)
            {
                // The pass must not wait on a writer that stopped, nor the writer for pages that will never come (also after a
                // pass that stopped short).
                trail.Finish(e);
                throw;
            }
            finally
            {
                if (!isTrail) slots.Release();
            }
        }

        var onePass = projections.Single(p => p.Name == RegistryStore.OnePass);
        var passDone = Rebuild(onePass);
        var others = projections.Where(p => p != onePass && !RegistryStore.RebuiltAfterTheOthers.Contains(p.Name)).Select(Rebuild).ToList();
        var after = projections.Where(p => RegistryStore.RebuiltAfterTheOthers.Contains(p.Name))
            .Select(async p =>
            {
                await passDone;
                await Rebuild(p);
            }).ToList();
        var all = Task.WhenAll([passDone, .. others, .. after]);
        try
        {
            await all;
        }
        catch when (all.Exception?.InnerExceptions.FirstOrDefault(e => e is not RebuildStoppedShortException) is { } cause)
        {
            // A trail writer that failed stops the pass short, and the pass may fail first: the writer's failure says why.
            ExceptionDispatchInfo.Throw(cause);
        }
        await ForgetTheSinglePass(dataSource, schema, ct);
        await UnfinishedRebuild.Finish(dataSource, schema, ct);
        return results.OrderBy(r => r.FinishedAfter).ToList();
    }

    /// <summary>The single pass, whose end is the audit trail's last page.</summary>
    private static async Task Pass(IProjectionDaemon daemon, AuditTrailTap trail, TimeSpan timeout, CancellationToken ct)
    {
        await daemon.RebuildProjectionAsync(RegistryStore.OnePass, timeout, ct);
        trail.Finish();
    }

    /// <summary>
    /// Drops the tables' indexes other than their primary keys, does the work and creates the indexes again, also when the
    /// work fails. Should the process die in between, the schema migration creates the missing indexes. Only the tables' owner
    /// may drop their indexes: a rebuild run as another role keeps them.
    /// </summary>
    private static async Task WithoutSecondaryIndexes(NpgsqlDataSource dataSource, string schema, IReadOnlyList<string> tables,
        Func<Task> work, CancellationToken ct)
    {
        var definitions = new List<string>();
        if (tables.Count > 0)
        {
            await using var read = dataSource.CreateCommand("""
                select i.indexname, i.indexdef from pg_indexes i join pg_tables t on t.schemaname = i.schemaname and t.tablename = i.tablename
                where i.schemaname = @schema and i.tablename = any(@tables) and pg_has_role(current_user, t.tableowner, 'member')
                  and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype = 'p')
                """);
            read.Parameters.AddWithValue("schema", schema);
            read.Parameters.AddWithValue("tables", tables.ToArray());
            var names = new List<string>();
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    names.Add(reader.GetString(0));
                    definitions.Add(reader.GetString(1));
                }
            foreach (var name in names)
            {
                await using var drop = dataSource.CreateCommand($"drop index if exists {schema}.\"{name}\"");
                await drop.ExecuteNonQueryAsync(ct);
            }
        }
        try
        {
            await work();
        }
        finally
        {
            if (definitions.Count > 0) await CreateIndexes(dataSource, definitions);
        }
    }

    /// <summary>
    /// Memory for each index build, so that a million rows' keys sort in memory: with PostgreSQL's default of 64 MB they spill
    /// to disk (docs/benchmarks.md, §5, "Index builds").
    /// </summary>
    public const string IndexBuildMemory = "256MB";

    private static async Task CreateIndexes(NpgsqlDataSource dataSource, IReadOnlyList<string> definitions)
    {
        // The setting lasts as long as this use of the connection: the pool resets every setting when it takes it back.
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using (var memory = new NpgsqlCommand($"set maintenance_work_mem = '{IndexBuildMemory}'", connection))
            await memory.ExecuteNonQueryAsync(CancellationToken.None);
        foreach (var definition in definitions)
        {
            await using var create = new NpgsqlCommand(definition, connection);
            await create.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The pass's progress row and the tap's name no live projection; the progress rows of the pass's members stay.</summary>
    private static async Task ForgetTheSinglePass(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"delete from {schema}.mt_event_progression where name like @pass or name like @trail");
        command.Parameters.AddWithValue("pass", RegistryStore.OnePass + ":%");
        command.Parameters.AddWithValue("trail", AuditTrailTap.TapName + ":%");
        await command.ExecuteNonQueryAsync(ct);
    }
}
