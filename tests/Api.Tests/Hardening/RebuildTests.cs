using System.Net;
using Marten;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Api.Tests.Statistics;
using Registry.Projections;

namespace Registry.Api.Tests.Hardening;

/// <summary>A host and schema of the rebuild's own: no other test edits an event in SQL under it.</summary>
[CollectionDefinition(Name)]
public sealed class RebuildCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "rebuild";
}

[Collection(RebuildCollection.Name)]
public sealed class RebuildTests(AppFixture app)
{
    [Fact]
    public async Task Rebuilding_every_read_model_side_by_side_reproduces_what_the_live_projections_built()
    {
        await KnownMix.For(app);
        var store = (DocumentStore)app.Store;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var connectionString = await TestDatabase.ConnectionString();
        var stored = await ReadModels.Snapshot(store, connectionString);
        stored["AuditEntry"].ShouldNotBeEmpty();
        stored["UnitStatistics"].ShouldNotBeEmpty();

        var rebuilt = await ReadModelRebuild.All(store, store.Storage.Database, TimeSpan.FromMinutes(2), CancellationToken.None, concurrency: 4);

        // Every live projection, and the household read model, which the snapshot's projection writes while the registry runs.
        rebuilt.SelectMany(r => r.Covers).ShouldBe(store.Options.Projections.All.Select(p => p.Name).Append(nameof(Registry.Projections.Households.HouseholdDetails)),
            ignoreOrder: true);
        var pass = rebuilt.Single(r => r.Name == RegistryStore.OnePass);
        pass.Covers.ShouldContain(nameof(Registry.Projections.Households.HouseholdSnapshot));
        pass.Covers.ShouldContain(nameof(Registry.Projections.Households.HouseholdDetails));
        // Statistics count the households and problem totals read problems' villages: they start once the pass has built those.
        rebuilt.Where(r => RegistryStore.RebuiltAfterTheOthers.Contains(r.Name))
            .ShouldAllBe(r => r.FinishedAfter - r.Took >= pass.FinishedAfter);
        ReadModels.Difference(stored, await ReadModels.Snapshot(store, connectionString)).ShouldBeNull();
        // The progress every live projection recorded in the rebuild is where the live daemon carries on: nothing is stale.
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_rebuild_that_fails_leaves_the_api_not_ready_until_a_rebuild_finishes()
    {
        await KnownMix.For(app);
        var store = (DocumentStore)app.Store;
        using var anonymous = app.Anonymous();
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Stopped as soon as its first projection starts: the read models keep only what was committed before.
        using var stop = new CancellationTokenSource();
        var failure = await Record.ExceptionAsync(() =>
            ReadModelRebuild.All(store, store.Storage.Database, TimeSpan.FromMinutes(2), stop.Token, progress: _ => stop.Cancel()));
        failure.ShouldNotBeNull();
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await ReadModelRebuild.All(store, store.Storage.Database, TimeSpan.FromMinutes(2), CancellationToken.None);
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
