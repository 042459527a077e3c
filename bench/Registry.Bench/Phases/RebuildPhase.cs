using System.Diagnostics;
using JasperFx.Events.Daemon;
using Marten;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using Registry.Projections;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>Fills the store to the target number of events, rebuilds every projection, and compares with reading and writing raw.</summary>
public static class RebuildPhase
{
    private const double TargetPerSecond = 20_000;

    public static async Task Run(string db, BenchOptions options, Report report)
    {
        using var store = StoreFill.Open(db);
        var (seeded, seedTime) = await StoreFill.To(store, db, options.RebuildEvents, "rebuild");
        var events = await BenchDatabase.Scalar(db, $"select count(*) from {RegistryStore.DefaultSchema}.mt_events");
        var streams = await BenchDatabase.Scalar(db, $"select count(*) from {RegistryStore.DefaultSchema}.mt_streams");

        var rows = new List<string[]>();
        var clock = Stopwatch.StartNew();
        {
            var rebuilt = await ReadModelRebuild.All(store, store.Storage.Database, TimeSpan.FromHours(1), CancellationToken.None,
                progress: line => Console.WriteLine($"rebuild: {line}"));
            foreach (var projection in rebuilt)
                rows.Add([projection.Covers.Count > 1 ? $"{projection.Name}: {string.Join(", ", projection.Covers)}" : projection.Name, projection.Lifecycle, N(projection.Took.TotalSeconds, 1), N(projection.FinishedAfter.TotalSeconds, 1), N(events / projection.Took.TotalSeconds)]);
        }
        var total = clock.Elapsed;
        var perSecond = events / total.TotalSeconds;
        Console.WriteLine("rebuild: raw baseline");
        var raw = await ReadAllWriteOnePerStream.Run(db);
        var rawTime = raw.Read + raw.Write;
        var rawPerSecond = raw.Events / rawTime.TotalSeconds;
        rows.Add(["**all, side by side**", "", N(total.TotalSeconds, 1), N(total.TotalSeconds, 1), N(perSecond)]);
        rows.Add(["raw: read every event row, write one row per stream", "", N(rawTime.TotalSeconds, 1), "", N(rawPerSecond)]);
        report.Judge(new Target($"rebuild of every read model, {events:N0} events", $"≥ {N(TargetPerSecond)} events/s, beside the raw floor",
            $"{N(perSecond)} events/s ({N(total.TotalSeconds, 1)} s) vs raw {N(rawPerSecond)} events/s = {Ratio(perSecond / rawPerSecond)}", perSecond >= TargetPerSecond));
        report.Section("Projection rebuild", $"""
            The store held {events:N0} events in {streams:N0} streams: {events - seeded:N0} written earlier in this run (over HTTP and by the
            import) and {seeded:N0} appended in {N(seedTime.TotalSeconds, 1)} s ({N(seeded / Math.Max(0.001, seedTime.TotalSeconds))} events/s) straight through Marten
            with the API stopped: households of {EventSeeder.EventsPerHousehold} events each (registration, member updates, income
            assessments, visits, risks), every event produced by the domain's decide functions and stamped with actor, unit, reason and
            hash chain like an API write, {EventSeeder.HouseholdsPerTransaction} households to a transaction, two writers, inline read models committed with them.
            Then, after `VACUUM ANALYZE`, every projection, inline and async, rebuilt with Marten's projection daemon
            (`RebuildProjectionAsync`) as the API's `rebuild` command does (`ReadModelRebuild`): the projections that read only events
            in one composite pass over the log (`{RegistryStore.OnePass}`), the audit trail written beside it from the pass's pages
            (`AuditTrailTap`, `AuditTrailRebuild`: binary COPY, secondary indexes built after), {2 * Environment.ProcessorCount} rebuilds at a time, in pages of {RegistryStore.RebuildBatchSize:N0} events, the statistics, the person index
            and the problem totals once the pass is done; events/s = events in the store ÷ the whole rebuild's time. Each row: one rebuild's own
            time, and when it finished after the start.
            The raw floor: one sequential read of every event row (all columns) in sequence order
            ({N(raw.Read.TotalSeconds, 1)} s), then a binary COPY of one jsonb row per stream ({raw.Streams:N0} rows, {N(raw.Write.TotalSeconds, 1)} s):
            the least any rebuild must do, reading each event once and writing each stream's document once.
            Ratio of all projections to the floor: {Ratio(perSecond / rawPerSecond)}.

            {Table(["projection", "lifecycle", "seconds", "finished after s", "events/s"], rows)}
            """);
    }
}
