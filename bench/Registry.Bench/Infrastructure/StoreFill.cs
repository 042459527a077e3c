using System.Diagnostics;
using Marten;
using Registry.Api.Audit.History;
using Registry.Api.Reference;
using Registry.Projections;

namespace Registry.Bench.Infrastructure;

/// <summary>The registry's store over the bench database, filled to a number of events with the API stopped.</summary>
public static class StoreFill
{
    public static DocumentStore Open(string db) => DocumentStore.For(opts =>
    {
        RegistryStore.Configure(opts, db);
        ReferenceStore.Configure(opts);
        AuditHistorySetup.Configure(opts);
    });

    /// <returns>How many events were appended and how long it took.</returns>
    public static async Task<(long Seeded, TimeSpan Time)> To(IDocumentStore store, string db, long target, string phase)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var existing = await BenchDatabase.Scalar(db, $"select count(*) from {RegistryStore.DefaultSchema}.mt_events");
        var missing = Math.Max(0, target - existing);
        Console.WriteLine($"{phase}: {existing:N0} events in the store, seeding {missing:N0}");
        var clock = Stopwatch.StartNew();
        var seeded = missing == 0 ? 0 : await new EventSeeder(store, World.Villages, new IdNumbers("500107")).Seed(missing, workers: 2);
        var time = clock.Elapsed;
        await using (var vacuum = new Npgsql.NpgsqlConnection(db))
        {
            await vacuum.OpenAsync();
            await BenchDatabase.Execute(vacuum, "vacuum analyze");
        }
        return (seeded, time);
    }
}
