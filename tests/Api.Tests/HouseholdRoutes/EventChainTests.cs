using System.Net;
using System.Net.Http.Json;
using Marten;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Audit;
using Registry.Projections.Households;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class EventChainTests(AppFixture app)
{
    [Fact]
    public async Task An_event_appended_without_its_stamp_is_refused_at_commit_and_nothing_is_written()
    {
        var (_, village) = await app.NewVillage();
        var id = Guid.CreateVersion7();
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.StartStream<HouseholdDetails>(id, new HouseholdRegistered(id, village, null, null, HouseholdStatus.Unregistered, null, null,
                new DateOnly(2020, 1, 1), [new RegisteredMember(Guid.CreateVersion7(), new MemberFacts("未盖章", People.IdNumber(true), Relation.Head))]));
            var refused = await Should.ThrowAsync<InvalidOperationException>(() => session.SaveChangesAsync());
            refused.Message.ShouldContain("not stamped");
        }
        await using var query = app.Store.QuerySession();
        (await query.Events.FetchStreamStateAsync(id)).ShouldBeNull();
        await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/households/{id}")).ShouldBe(HttpStatusCode.NotFound, "household.not-found");
    }

    [Fact]
    public async Task An_event_carrying_a_hash_header_not_stamped_by_the_chain_is_refused_at_commit()
    {
        var (_, village) = await app.NewVillage();
        var id = Guid.CreateVersion7();
        await using (var session = app.Store.LightweightSession())
        {
            var started = session.Events.StartStream<HouseholdDetails>(id, new HouseholdRegistered(id, village, null, null, HouseholdStatus.Unregistered, null,
                null, new DateOnly(2020, 1, 1), [new RegisteredMember(Guid.CreateVersion7(), new MemberFacts("伪造", People.IdNumber(true), Relation.Head))]));
            started.Events.Single().SetHeader("hash", new string('a', 64));
            var refused = await Should.ThrowAsync<InvalidOperationException>(() => session.SaveChangesAsync());
            refused.Message.ShouldContain("not stamped");
        }
        await using var query = app.Store.QuerySession();
        (await query.Events.FetchStreamStateAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task Events_of_two_streams_in_one_write_each_continue_their_own_chain()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var into = await Sample.Register(clerk, village, status: "Unregistered");
        var from = await Sample.Register(clerk, village, status: "Unregistered");
        var relations = new Dictionary<Guid, string> { [from.Document.MemberId(from.HeadId)] = "Son", [from.Document.MemberId(from.SpouseId)] = "DaughterInLaw" };
        await (await clerk.PostAsJsonAsync($"/api/households/{into.Id}/merge",
            new { fromHouseholdId = from.Id, relations, reason = "父子合户", effectiveDate = "2020-07-01" })).ShouldBe(HttpStatusCode.OK);

        var report = await HashChainVerifier.Verify(app.Store, [into.Id, from.Id], CancellationToken.None);
        report.Valid.ShouldBeTrue();
        report.CheckedEvents.ShouldBe(4);
    }
}
