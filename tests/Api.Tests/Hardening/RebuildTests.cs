using System.Net;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Api.Tests.ProcedureRoutes;
using Registry.Api.Tests.Statistics;
using Npgsql;
using Registry.Projections;
using Registry.Projections.Audit;

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
        await PeopleWhoMoved();
        var store = (DocumentStore)app.Store;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var connectionString = await TestDatabase.ConnectionString();
        var stored = await ReadModels.Snapshot(store, connectionString);
        stored["AuditEntry"].ShouldNotBeEmpty();
        stored["UnitStatistics"].ShouldNotBeEmpty();

        var rebuilt = await ReadModelRebuild.All(store, store.Storage.Database, TimeSpan.FromMinutes(2), CancellationToken.None, concurrency: 4);

        // Every projection that keeps a read model, and the household read model, which the snapshot's projection writes while
        // the registry runs; the write side folded live keeps nothing to rebuild.
        rebuilt.SelectMany(r => r.Covers).ShouldBe(store.Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live).Select(p => p.Name).Append(nameof(Registry.Projections.Households.HouseholdDetails)),
            ignoreOrder: true);
        var pass = rebuilt.Single(r => r.Name == RegistryStore.OnePass);
        pass.Covers.ShouldContain(nameof(Registry.Projections.Households.HouseholdSnapshot));
        pass.Covers.ShouldContain(nameof(Registry.Projections.Households.HouseholdDetails));
        // Statistics count the households and problem totals read problems' villages: they start once the pass has built those.
        rebuilt.Where(r => RegistryStore.RebuiltAfterTheOthers.Contains(r.Name))
            .ShouldAllBe(r => r.FinishedAfter - r.Took >= pass.FinishedAfter);
        ReadModels.Difference(stored, await ReadModels.Snapshot(store, connectionString)).ShouldBeNull();
        await TheTrailWrittenBesideTheDaemonIsWhereTheDaemonCarriesOn(store, connectionString);
        // The progress every live projection recorded in the rebuild is where the live daemon carries on: nothing is stale.
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Its unit column, which the trail's list filters by, as the entries say; its progress at the log's last event.</summary>
    private static async Task TheTrailWrittenBesideTheDaemonIsWhereTheDaemonCarriesOn(DocumentStore store, string connectionString)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select (select count(*) from {schema}.mt_doc_auditentry where unit_code is distinct from data->>'unitCode'),
              (select count(*) from {schema}.mt_doc_auditentry where mt_dotnet_type is distinct from @type),
              (select last_seq_id from {schema}.mt_event_progression where name = @progress),
              (select max(seq_id) from {schema}.mt_events)
            """, connection);
        command.Parameters.AddWithValue("type", typeof(AuditEntry).FullName!);
        command.Parameters.AddWithValue("progress", $"{AuditProjection.ProjectionName}:All");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).ShouldBe(0);
        reader.GetInt64(1).ShouldBe(0);
        reader.GetInt64(2).ShouldBe(reader.GetInt64(3));
    }

    /// <summary>
    /// What the person index follows through the log and a rebuild takes from the households' final snapshots: a new ID number
    /// and name, a split, a merge, a removal, and a removed household's person registered again elsewhere.
    /// </summary>
    private async Task PeopleWhoMoved()
    {
        var (town, village) = await app.NewVillage();
        var d = new ProcedureDriver(app, town, village);
        var family = await Sample.Register(d.Clerk, village, status: "Unregistered");
        var spouse = family.Document.MemberId(family.SpouseId);
        await (await d.Clerk.Patch($"/api/households/{family.Id}/members/{spouse}",
            new { idNumber = People.IdNumber(male: false, birthYear: 1972), name = "李三妹", reason = "身份证号更正" })).ShouldBe(HttpStatusCode.OK);
        var son = People.IdNumber(male: true, birthYear: 1995);
        await (await d.Clerk.PostAsJsonAsync($"/api/households/{family.Id}/members",
            new { member = Sample.Member("王小山", son, "Son"), reason = "Birth", effectiveDate = "2020-02-01" })).ShouldBe(HttpStatusCode.OK);
        var sonId = (await (await d.Clerk.GetAsync($"/api/households/{family.Id}")).Json()).MemberId(son);
        await (await d.Clerk.PostAsJsonAsync($"/api/households/{family.Id}/split",
            new { memberIds = new[] { sonId }, headMemberId = sonId, reason = "儿子成家分户", effectiveDate = "2020-06-01" })).ShouldBe(HttpStatusCode.Created);

        var parents = await Sample.Register(d.Clerk, village, status: "Unregistered");
        var relations = new Dictionary<Guid, string>
        {
            [parents.Document.MemberId(parents.HeadId)] = "Father", [parents.Document.MemberId(parents.SpouseId)] = "Mother",
        };
        await (await d.Clerk.PostAsJsonAsync($"/api/households/{family.Id}/merge",
            new { fromHouseholdId = parents.Id, relations, reason = "父子合户", effectiveDate = "2020-07-01" })).ShouldBe(HttpStatusCode.OK);

        var wrong = await Sample.Register(d.Clerk, village, status: "Exited", identifiedYear: 2015, exitYear: 2018);
        await d.Remove(wrong.Id);
        await (await d.Clerk.PostAsJsonAsync("/api/households", new
        {
            villageCode = village, status = "Unregistered", registeredOn = "2020-11-01",
            members = new[] { Sample.Member("王大山", wrong.HeadId, "Head") },
        })).ShouldBe(HttpStatusCode.Created);
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
