using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Api.Households;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Projections.Households;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class HouseholdSnapshotTests(AppFixture app)
{
    /// <summary>A write keeps the write side's snapshot and the read model apart, and each equal to a fold of the stream.</summary>
    [Fact]
    public async Task A_write_stores_the_snapshot_and_the_read_model_made_from_it()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var member = household.Document["members"]![1]!["memberId"]!.GetValue<Guid>();
        await (await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13700002222", reason = "换号" }))
            .ShouldBe(HttpStatusCode.OK);

        await using var query = app.Store.QuerySession();
        var folded = (await query.Events.AggregateStreamAsync<HouseholdSnapshot>(household.Id)).ShouldNotBeNull();
        var snapshot = (await query.LoadAsync<HouseholdSnapshot>(household.Id)).ShouldNotBeNull();
        var readModel = (await query.LoadAsync<HouseholdDetails>(household.Id)).ShouldNotBeNull();
        var json = app.Store.Options.Serializer();
        json.ToJson(snapshot).ShouldBe(json.ToJson(folded));
        json.ToJson(readModel).ShouldBe(json.ToJson(HouseholdDetails.Of(folded)));
        snapshot.Version.ShouldBe(2);
        readModel.State.Members.Single(m => m.MemberId == member).Facts.Phone.ShouldBe("13700002222");
    }

    /// <summary>A household kept before the write side had snapshots of its own has only its read model: the start-up fill gives it one.</summary>
    [Fact]
    public async Task A_household_kept_before_snapshots_of_its_own_gets_one_from_its_read_model_and_takes_writes_again()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        await using (var session = app.Store.LightweightSession())
        {
            session.Delete<HouseholdSnapshot>(household.Id);
            await session.SaveChangesAsync();
        }
        var member = household.Document["members"]![1]!["memberId"]!.GetValue<Guid>();
        await (await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13700003333", reason = "换号" }))
            .ShouldBe(HttpStatusCode.NotFound);

        await app.Host.Services.GetServices<IHostedService>().OfType<HouseholdSnapshotFill>().Single().StartAsync(CancellationToken.None);

        await using (var query = app.Store.QuerySession())
        {
            var json = app.Store.Options.Serializer();
            json.ToJson((await query.LoadAsync<HouseholdSnapshot>(household.Id)).ShouldNotBeNull())
                .ShouldBe(json.ToJson((await query.Events.AggregateStreamAsync<HouseholdSnapshot>(household.Id)).ShouldNotBeNull()));
        }
        await (await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13700003333", reason = "换号" }))
            .ShouldBe(HttpStatusCode.OK);
    }
}
