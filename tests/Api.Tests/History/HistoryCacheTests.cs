using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Households;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.History;

/// <summary>
/// A node answers a repeated whole history from the one it answered last, and only while the stored rows it was made from
/// are unchanged: every answer equals a page read straight from the rows, whatever was appended or rewritten in between.
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class HistoryCacheTests(TamperFixture fixture)
{
    private AppFixture App => fixture.App;

    [Fact]
    public async Task A_repeated_history_shows_every_new_event_in_each_view_and_logs_every_read()
    {
        var (town, village) = await App.NewVillage();
        var id = await HistoryDriver.Household(App, village);
        var officer = App.Client(Role.TownOfficer, town, "history-cache-reader");
        var housing = App.Client(Role.HousingDept, AppFixture.District);

        var first = await Whole(officer, id);
        var kept = Kept(id, unmasked: true).ShouldNotBeNull();
        (kept.Version, kept.Rows.Count).ShouldBe((3L, 3L));
        (await Whole(officer, id)).ShouldBe(first);
        Kept(id, unmasked: true).ShouldBeSameAs(kept);
        (await Whole(housing, id)).ShouldBe(await Stored(housing, id));
        first.ShouldBe(await Stored(officer, id));

        await (await App.Client(Role.VillageClerk, village).Send(HttpMethod.Post, $"/api/households/{id}/incomes", new { year = 2020, wage = 9000m }))
            .ShouldBe(HttpStatusCode.OK);
        var extended = await Whole(officer, id);
        JsonNode.Parse(extended)!.AsArray().Count.ShouldBe(4);
        var appended = Kept(id, unmasked: true).ShouldNotBeNull();
        (appended.Version, appended.Rows.Count).ShouldBe((4L, 4L));
        (await Whole(officer, id)).ShouldBe(extended);
        Kept(id, unmasked: true).ShouldBeSameAs(appended);
        extended.ShouldBe(await Stored(officer, id));
        extended.ShouldStartWith(first[..^1]);
        var masked = await Whole(housing, id);
        masked.ShouldBe(await Stored(housing, id));
        Kept(id, unmasked: false)!.Version.ShouldBe(4);
        masked.ShouldNotContain("\"hash\":\"");

        // Each whole read and each page showed the head's ID number: six reads, whether answered from the node or the rows.
        var reads = await (await App.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?household={id}&actor=history-cache-reader"))
            .ShouldBe(HttpStatusCode.OK);
        reads["items"]!.AsArray().Count.ShouldBe(6);
    }

    [Fact]
    public async Task A_stored_row_rewritten_or_removed_after_a_read_shows_in_the_next_one()
    {
        var (town, village) = await App.NewVillage();
        var id = await HistoryDriver.Household(App, village);
        var officer = App.Client(Role.TownOfficer, town);
        var housing = App.Client(Role.HousingDept, AppFixture.District);
        await Whole(officer, id);
        await Whole(housing, id);
        var kept = Kept(id, unmasked: true).ShouldNotBeNull();

        // The same data written again makes a new row version: the kept history is made again, showing the same.
        await HistoryDriver.Sql(App, "update {schema}.mt_events set data = data where stream_id = @id and version = 2", ("id", id));
        (await Whole(officer, id)).ShouldBe(await Stored(officer, id));
        var remade = Kept(id, unmasked: true).ShouldNotBeNull();
        remade.ShouldNotBeSameAs(kept);
        remade.Rows.Count.ShouldBe(kept.Rows.Count);
        remade.Rows.Hash.ShouldNotBe(kept.Rows.Hash);

        await HistoryDriver.Sql(App, """update {schema}.mt_events set data = data || '{"forged": true}' where stream_id = @id and version = 2""", ("id", id));
        var edited = JsonNode.Parse(await Whole(officer, id))!.AsArray();
        edited[1]!["data"]!["forged"]!.GetValue<bool>().ShouldBeTrue();
        var maskedEdit = await Whole(housing, id);
        maskedEdit.ShouldBe(await Stored(housing, id));
        JsonNode.Parse(maskedEdit)!.AsArray()[1]!["data"]!["forged"]!.GetValue<bool>().ShouldBeTrue();

        await HistoryDriver.Sql(App, "delete from {schema}.mt_events where stream_id = @id and version = 3", ("id", id));
        var cut = await Whole(officer, id);
        JsonNode.Parse(cut)!.AsArray().Select(e => e!["version"]!.GetValue<long>()).ShouldBe([1L, 2L]);
        cut.ShouldBe(await Stored(officer, id));
        (await Whole(housing, id)).ShouldBe(await Stored(housing, id));
        Kept(id, unmasked: false)!.Version.ShouldBe(2);
    }

    private HistoryCache.Entry? Kept(Guid id, bool unmasked) =>
        App.Host.Services.GetRequiredService<HistoryCache>().Find(JasperFx.StorageConstants.DefaultTenantId, id, unmasked);

    private static async Task<string> Whole(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/households/{id}/history")).ShouldBe(HttpStatusCode.OK)).ToJsonString();

    /// <summary>A page as long as the whole history is read from the rows every time.</summary>
    private static async Task<string> Stored(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/households/{id}/history?afterVersion=0&limit=1000")).ShouldBe(HttpStatusCode.OK)).ToJsonString();
}

public sealed class HistoryCacheRoomTests
{
    private static HistoryCache.Entry Entry(long version, int bytes) => new(version, new RowsFingerprint(version, version), new byte[bytes], false);

    [Fact]
    public void A_later_history_replaces_an_earlier_one_and_never_the_reverse()
    {
        var cache = new HistoryCache(8_000);
        var id = Guid.NewGuid();
        cache.Keep("d", id, true, Entry(3, 100));
        cache.Keep("d", id, true, Entry(2, 100));
        cache.Find("d", id, true)!.Version.ShouldBe(3);
        cache.Keep("d", id, true, Entry(4, 100));
        cache.Find("d", id, true)!.Version.ShouldBe(4);
        // At the same version, one made from other rows replaces it; forgetting an entry leaves one kept since in its place.
        var remade = Entry(4, 100) with { Rows = new RowsFingerprint(4, 99) };
        var stale = cache.Find("d", id, true)!;
        cache.Keep("d", id, true, remade);
        cache.Find("d", id, true).ShouldBeSameAs(remade);
        cache.Forget("d", id, true, stale);
        cache.Find("d", id, true).ShouldBeSameAs(remade);
        cache.Forget("d", id, true, remade);
        cache.Find("d", id, true).ShouldBeNull();
        cache.Find("d", id, false).ShouldBeNull();
        cache.Find("e", id, true).ShouldBeNull();
    }

    [Fact]
    public void A_history_over_an_eighth_of_the_room_is_not_kept_and_a_full_cache_makes_room()
    {
        var cache = new HistoryCache(8_000);
        cache.Admits(1_000).ShouldBeTrue();
        cache.Admits(1_001).ShouldBeFalse();
        var large = Guid.NewGuid();
        cache.Keep("d", large, true, Entry(1, 1_001));
        cache.Find("d", large, true).ShouldBeNull();

        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) cache.Keep("d", id, true, Entry(1, 1_000));
        // Nine made it overflow, so it let two go (to nine tenths of its room); the tenth and twelfth fit, the eleventh let two go.
        ids.Count(id => cache.Find("d", id, true) is not null).ShouldBe(8);
    }

    [Fact]
    public void Making_room_lets_go_the_histories_read_longest_ago()
    {
        var cache = new HistoryCache(8_000);
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) cache.Keep("d", id, true, Entry(1, 1_000));
        cache.Find("d", ids[0], true).ShouldNotBeNull();
        cache.Find("d", ids[2], true).ShouldNotBeNull();

        var ninth = Guid.NewGuid();
        cache.Keep("d", ninth, true, Entry(1, 1_000));

        // Over its room by one, it lets two go: the second and fourth, kept early and not read since.
        ids.Where(id => cache.Find("d", id, true) is null).ShouldBe([ids[1], ids[3]]);
        cache.Find("d", ninth, true).ShouldNotBeNull();
    }
}
