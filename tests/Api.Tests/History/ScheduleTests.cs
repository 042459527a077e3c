using System.Net;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.History;

/// <summary>A host that issues a checkpoint every second while the log grows.</summary>
public sealed class ScheduleFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new() { Settings = new Dictionary<string, string> { ["Audit:CheckpointEvery"] = "00:00:01" } };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ScheduleCollection : ICollectionFixture<ScheduleFixture>
{
    public const string Name = "checkpoint-schedule";
}

[Collection(ScheduleCollection.Name)]
public sealed class ScheduleTests(ScheduleFixture fixture)
{
    [Fact]
    public async Task Checkpoints_follow_the_log_on_their_own_schedule()
    {
        var app = fixture.App;
        var (_, village) = await app.NewVillage();
        var household = await HistoryDriver.Household(app, village);
        var events = await HistoryDriver.Scalar(app, "select count(*) from {schema}.mt_events where seq_id <= @s",
            ("s", await HistoryDriver.Sequence(app, household, 3)));
        var inspector = HistoryDriver.Inspector(app);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        long treeSize = 0;
        while (treeSize < events && DateTimeOffset.UtcNow < deadline)
        {
            var latest = await inspector.GetAsync("/api/audit/checkpoints/latest");
            if (latest.StatusCode == HttpStatusCode.OK) treeSize = (await latest.Json())["treeSize"]!.GetValue<long>();
        }
        treeSize.ShouldBeGreaterThanOrEqualTo(events);
        var issuedBy = await HistoryDriver.Scalar(app, "select count(*) from {schema}.mt_doc_checkpointrecord where data ->> 'issuedBy' = 'schedule'");
        issuedBy.ShouldBeGreaterThan(0);
    }
}
