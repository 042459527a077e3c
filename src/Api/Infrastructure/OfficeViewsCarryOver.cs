using Marten;
using Marten.Schema;
using Weasel.Postgresql;
using Registry.Projections;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Before the daemon's agents start, gives the offices' read models' one agent the progress its members reached, in each
/// database: after a rebuild, and in a database where each of them had an agent of its own. Members left at different events
/// there are marked for a rebuild, and the API is not ready until one has run: carrying on from either event would apply some
/// events twice or never.
/// </summary>
public sealed class OfficeViewsCarryOver(ILogger<OfficeViewsCarryOver> logger) : IInitialData
{
    public async Task Populate(IDocumentStore store, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var members = OfficeViewsProgress.Members((StoreOptions)store.Options);
        foreach (var database in await store.Storage.AllDatabases())
        {
            var dataSource = ((PostgresqlDatabase)database).DataSource;
            switch (await OfficeViewsProgress.Align(dataSource, schema, members, ct))
            {
                case OfficeViewsProgress.Outcome.Aligned:
                    logger.LogInformation("The offices' read models carry on from their members' progress in {Database}", database.Id);
                    break;
                case OfficeViewsProgress.Outcome.MembersApart:
                    await UnfinishedRebuild.Begin(dataSource, schema, ct);
                    logger.LogError("The offices' read models stopped at different events in {Database}: run `rebuild` before the API serves it",
                        database.Id);
                    break;
            }
        }
    }
}
