using System.Net;
using Marten;
using Marten.Events;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.History;

/// <summary>
/// The API run as README's database roles leave it: the schema applied by its owner, then the API connected as the service
/// role with EventStore:ApplySchema off, doing a year's ordinary work: writes, reads, the async views, a checkpoint and a verification.
/// </summary>
public sealed class ServiceRoleHostTests
{
    [Fact]
    public async Task The_api_works_as_the_service_role_on_a_schema_its_owner_applied()
    {
        var admin = await TestDatabase.ConnectionString();
        // The owner's start applies the schema, as db-apply does.
        var owner = new AppFixture();
        await owner.InitializeAsync();
        await owner.DisposeAsync();

        var suffix = owner.Schema;
        var (apply, service, password) = ("apl_" + suffix, "svc_" + suffix, "pw-" + Guid.NewGuid().ToString("N"));
        await DatabaseRoleTests.Execute(admin, $"create role \"{apply}\" login password '{password}'; create role \"{service}\" login password '{password}';");
        try
        {
            await DatabaseRoleTests.Execute(admin, DatabaseRoleTests.Script(owner.Schema, apply, service));
            var asService = new NpgsqlConnectionStringBuilder(admin) { Username = service, Password = password }.ConnectionString;
            var app = new AppFixture
            {
                Schema = owner.Schema,
                Settings = new Dictionary<string, string> { ["ConnectionStrings:EventStore"] = asService, ["EventStore:ApplySchema"] = "false" },
            };
            await app.InitializeAsync();
            try
            {
                await using (var session = app.Store.QuerySession())
                    (await session.QueryAsync<string>("select current_user")).Single().ShouldBe(service);
                var (_, village) = await app.NewVillage();
                var household = await HistoryDriver.Household(app, village);
                await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/households/{household}/history")).ShouldBe(HttpStatusCode.OK);

                // The async daemon keeps its progress as the service role.
                await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
                var trail = await (await HistoryDriver.Inspector(app).GetAsync($"/api/audit/changes?org={village}")).ShouldBe(HttpStatusCode.OK);
                // The village's registration and the household's three events.
                trail["items"]!.AsArray().Count.ShouldBe(4);

                await HistoryDriver.Checkpoint(app);
                var report = await (await HistoryDriver.Inspector(app).GetAsync($"/api/audit/verify?household={household}")).ShouldBe(HttpStatusCode.OK);
                report["valid"]!.GetValue<bool>().ShouldBeTrue(report.ToJsonString());
                (await HistoryDriver.Verification(app))["valid"]!.GetValue<bool>().ShouldBeTrue();
            }
            finally
            {
                await app.DisposeAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DatabaseRoleTests.Execute(admin, $"drop owned by \"{service}\", \"{apply}\"; drop role \"{service}\"; drop role \"{apply}\";");
        }
    }
}
