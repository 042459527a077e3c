using System.Net;
using System.Net.Http.Json;
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
        await OtherNodeSetsPhone(household, member, "13800000002");

        var answer = await (await clerk.Patch($"/api/households/{household.Id}/members/{member}", new { name = "王大海", reason = "更名" }))
            .ShouldBe(HttpStatusCode.OK);

        answer["version"]!.GetValue<long>().ShouldBe(4);
        var stored = (await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["members"]!.AsArray()
            .Single(m => m!["memberId"]!.GetValue<Guid>() == member)!;
        stored["name"]!.GetValue<string>().ShouldBe("王大海");
        stored["phone"]!.GetValue<string>().ShouldBe("13800000002");
    }

    [Fact]
    public async Task If_match_naming_the_version_another_node_wrote_is_served_after_one_more_read()
    {
        var (clerk, household, member) = await WrittenHere();
        await OtherNodeSetsPhone(household, member, "13800000003");

        var current = await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13800000005", reason = "换号" },
            new Dictionary<string, string> { ["If-Match"] = "\"3\"" });

        (await current.ShouldBe(HttpStatusCode.OK))["version"]!.GetValue<long>().ShouldBe(4);
    }

    /// <summary>The commit that failed on the stale entry leaves no entry behind, neither the stale one nor its uncommitted fold.</summary>
    [Fact]
    public async Task If_match_naming_the_version_this_node_cached_is_refused_at_commit_and_the_entry_forgotten()
    {
        var (clerk, household, member) = await WrittenHere();
        await OtherNodeSetsPhone(household, member, "13800000003");

        var stale = await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13800000004", reason = "换号" },
            new Dictionary<string, string> { ["If-Match"] = "\"2\"" });

        (await stale.ShouldBe(HttpStatusCode.Conflict))["code"]!.GetValue<string>().ShouldBe("concurrency.version-conflict");
        Cache.TryGet(Tenant, household.Id, out _).ShouldBeFalse();
    }

    /// <summary>Refused on the stale entry ("nothing changes"), the change is decided again on what another node left, and made.</summary>
    [Fact]
    public async Task A_fact_another_node_changed_since_is_set_again_rather_than_refused_as_unchanged()
    {
        var (clerk, household, member) = await WrittenHere();
        await OtherNodeSetsPhone(household, member, "13800000002");

        var answer = await (await clerk.Patch($"/api/households/{household.Id}/members/{member}", new { phone = "13800000001", reason = "换回原号" }))
            .ShouldBe(HttpStatusCode.OK);

        answer["version"]!.GetValue<long>().ShouldBe(4);
        (await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["members"]!.AsArray()
            .Single(m => m!["memberId"]!.GetValue<Guid>() == member)!["phone"]!.GetValue<string>().ShouldBe("13800000001");
    }

    /// <summary>A decision that appends nothing on the stale entry (the cadre already assigned) is checked at commit all the same.</summary>
    [Fact]
    public async Task Assigning_the_cadre_this_node_last_assigned_after_another_node_assigned_another_writes_it_again()
    {
        var (clerk, household, _) = await WrittenHere();
        var url = $"/api/households/{household.Id}/responsible";
        var cadre = new { name = "刘帮扶", unit = "区农业农村委", phone = "13900000001", since = "2020-03-01", reason = "结对帮扶" };
        await (await clerk.PutAsJsonAsync(url, cadre)).ShouldBe(HttpStatusCode.OK);
        await OtherNode(household, state => AssignResponsibleDecision.Decide(
            new AssignResponsible("陈帮扶", "镇政府", null, new DateOnly(2020, 4, 1), "调整"), state, DateTimeOffset.UtcNow));

        var answer = await (await clerk.PutAsJsonAsync(url, cadre)).ShouldBe(HttpStatusCode.OK);

        answer["version"]!.GetValue<long>().ShouldBe(5);
        (await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["responsible"]!["name"]!.GetValue<string>().ShouldBe("刘帮扶");
    }

    [Fact]
    public async Task If_match_ahead_of_every_write_is_refused_after_one_more_read()
    {
        var (clerk, household, member) = await WrittenHere();

        var ahead = await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{member}", new { phone = "13800000006", reason = "换号" },
            new Dictionary<string, string> { ["If-Match"] = "\"9\"" });

        (await ahead.ShouldBe(HttpStatusCode.Conflict))["code"]!.GetValue<string>().ShouldBe("concurrency.version-conflict");
    }

    /// <summary>
    /// A fetch the cache served is known as such even when a concurrent commit on this node has since kept a later snapshot in
    /// its place, so a refusal decided on it is still decided again on a fresh read; a fresh read's instance never counts.
    /// </summary>
    [Fact]
    public async Task A_snapshot_the_cache_gave_stays_known_as_served_after_a_later_one_replaced_it()
    {
        var (_, household, _) = await WrittenHere();
        Cache.TryGet(Tenant, household.Id, out var served).ShouldBeTrue();

        Cache.Keep(Tenant, served with { Version = served.Version + 1 });

        Cache.TryGet(Tenant, household.Id, out var kept).ShouldBeTrue();
        kept.ShouldNotBeSameAs(served);
        Cache.Served(served).ShouldBeTrue();
        Cache.Served(served with { }).ShouldBeFalse();
        Cache.Forget(Tenant, household.Id);
    }

    private SnapshotCache Cache => app.Host.Services.GetRequiredService<SnapshotCache>();

    private static string Tenant => JasperFx.StorageConstants.DefaultTenantId;

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

    private Task OtherNodeSetsPhone(RegisteredHousehold household, Guid member, string phone) => OtherNode(household, state =>
        ChangeMemberDecision.Decide(new ChangeMember(member, new MemberFactChanges(Phone: phone), null, "换号"), state, DateTimeOffset.UtcNow, new HashSet<string>()));

    /// <summary>A change decided, stamped and committed by another node, as its route would.</summary>
    private async Task OtherNode(RegisteredHousehold household, Func<Household, object[]> decide)
    {
        await using var session = _otherNode.LightweightSession();
        var stream = await session.Events.FetchForWriting<HouseholdSnapshot>(household.Id);
        stream.AppendMany(decide(stream.Aggregate!.State));
        EventChain.Stamp(session, household.Id, stream.Aggregate, new Actor("other-node", "另一节点", Role.VillageClerk, stream.Aggregate.State.VillageCode), "另一节点",
            Guid.NewGuid().ToString());
        await session.SaveChangesAsync();
    }
}
