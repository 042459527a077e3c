using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Api.Tests.Fixtures;
using Registry.Api.Tests.Hardening;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Api.Tests.HouseholdRoutes;

/// <summary>
/// A command decides on the node's cached snapshot without reading it; a household changed by another node (a store of its
/// own on the same database, which this node's cache never hears of) is read again, never refused for it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SnapshotCacheTests(AppFixture app) : IAsyncLifetime
{
    private DocumentStore _otherNode = null!;

    public async Task InitializeAsync() => _otherNode = ReadModels.StoreFor(await TestDatabase.ConnectionString(), app.Schema);

    public Task DisposeAsync()
    {
        _otherNode.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_write_without_if_match_after_another_node_wrote_decides_on_what_is_current()
    {
        var (clerk, household, member) = await WrittenHere();
        await OtherNodeChangesPhone(household, member, "13800000002");

        var answer = await (await clerk.Patch($"/api/households/{household.Id}/members/{member}", new { name = "王大海", reason = "更名" }))
            .ShouldBe(HttpStatusCode.OK);

        answer["version"]!.GetValue<long>().ShouldBe(4);
        var stored = (await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["members"]!.AsArray()
            .Single(m => m!["memberId"]!.GetValue<Guid>() == member)!;
        stored["name"]!.GetValue<string>().ShouldBe("王大海");
        stored["phone"]!.GetValue<string>().ShouldBe("13800000002");
    }

    [Fact]
    public async Task If_match_naming_the_version_another_node_wrote_is_served_and_the_one_before_it_refused()
    {
        var (clerk, household, member) = await WrittenHere();
        await OtherNodeChangesPhone(household, member, "13800000003");
        var url = $"/api/households/{household.Id}/members/{member}";

        var stale = await clerk.Send(HttpMethod.Patch, url, new { phone = "13800000004", reason = "换号" }, new Dictionary<string, string> { ["If-Match"] = "\"2\"" });
        (await stale.ShouldBe(HttpStatusCode.Conflict))["code"]!.GetValue<string>().ShouldBe("concurrency.version-conflict");

        var current = await clerk.Send(HttpMethod.Patch, url, new { phone = "13800000005", reason = "换号" }, new Dictionary<string, string> { ["If-Match"] = "\"3\"" });
        (await current.ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(4);
    }

    [Fact]
    public async Task If_match_ahead_of_every_write_is_refused_after_one_more_read()
    {
        var (clerk, household, member) = await WrittenHere();

        var ahead = await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13800000006", reason = "换号" },
            new Dictionary<string, string> { ["If-Match"] = "\"9\"" });

        (await ahead.ShouldBe(HttpStatusCode.Conflict))["code"]!.GetValue<string>().ShouldBe("concurrency.version-conflict");
    }

    [Fact]
    public async Task The_cache_keeps_only_committed_snapshots()
    {
        var (clerk, household, member) = await WrittenHere();
        var cache = app.Host.Services.GetRequiredService<SnapshotCache>();
        var tenant = app.Store.LightweightSession().TenantId;
        cache.TryGet(tenant, household.Id, out var kept).ShouldBeTrue();
        kept.Version.ShouldBe(2);

        await (await clerk.Patch($"/api/households/{household.Id}/members/{member}", new { idNumber = "bad", reason = "更正" }))
            .ShouldBe(HttpStatusCode.BadRequest);

        cache.TryGet(tenant, household.Id, out var after).ShouldBeTrue();
        after.ShouldBeSameAs(kept);
    }

    /// <summary>A household registered and changed once through this node: its snapshot at version 2 is in the node's cache.</summary>
    private async Task<(HttpClient Clerk, RegisteredHousehold Household, Guid Member)> WrittenHere()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var member = household.Document.MemberId(household.HeadId);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{member}", new { phone = "13800000001", reason = "换号" })).ShouldBe(HttpStatusCode.OK);
        return (clerk, household, member);
    }

    /// <summary>A change decided, stamped and committed by another node, as its route would.</summary>
    private async Task OtherNodeChangesPhone(RegisteredHousehold household, Guid member, string phone)
    {
        await using var session = _otherNode.LightweightSession();
        var stream = await session.Events.FetchForWriting<HouseholdSnapshot>(household.Id);
        stream.AppendMany(ChangeMemberDecision.Decide(new ChangeMember(member, new MemberFactChanges(Phone: phone), null, "换号"), stream.Aggregate!.State,
            DateTimeOffset.UtcNow, new HashSet<string>()));
        EventChain.Stamp(session, household.Id, stream.Aggregate, new Actor("other-node", "另一节点", Role.VillageClerk, stream.Aggregate.State.VillageCode), "换号",
            Guid.NewGuid().ToString());
        await session.SaveChangesAsync();
    }
}
