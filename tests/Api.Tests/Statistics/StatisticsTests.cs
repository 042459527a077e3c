using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;
using Marten;
using Marten.Events;
using Registry.Domain.Access;
using Registry.Projections.Statistics;

namespace Registry.Api.Tests.Statistics;

[Collection(ApiCollection.Name)]
public sealed class StatisticsTests(AppFixture app)
{
    private static readonly JsonObject Nothing = [];

    /// <summary>Village A of the known mix, counted by hand for 2020.</summary>
    private static JsonObject VillageA() => new()
    {
        ["households"] = new JsonObject { ["Poor"] = 1, ["Exited"] = 1, ["Unregistered"] = 2 },
        ["persons"] = new JsonObject { ["Poor"] = 3, ["Exited"] = 1, ["Unregistered"] = 3 },
        ["marks"] = new JsonObject(),
        ["monitoring"] = new JsonObject { ["UnstableExited"] = 1, ["Marginal"] = 1, ["eliminated"] = 1 },
        ["risks"] = new JsonObject { ["MajorIllness"] = 1, ["UnstableEmployment"] = 1, ["Schooling"] = 1 },
        ["unresolvedGuarantees"] = new JsonObject { ["Housing"] = 1 },
        ["membersAdded"] = new JsonObject { ["Birth"] = 1 },
        ["membersRemoved"] = new JsonObject { ["Death"] = 1 },
    };

    private static JsonObject VillageB() => new()
    {
        ["households"] = new JsonObject { ["Poor"] = 1, ["Exited"] = 1 },
        ["persons"] = new JsonObject { ["Poor"] = 3, ["Exited"] = 2 },
        ["marks"] = new JsonObject { ["NewlyPoor"] = 1 },
        ["monitoring"] = new JsonObject { ["UnstableExited"] = 0, ["Marginal"] = 0, ["eliminated"] = 0 },
        ["risks"] = new JsonObject { ["Disaster"] = 1 },
        ["unresolvedGuarantees"] = new JsonObject { ["Water"] = 1 },
        ["membersAdded"] = new JsonObject { ["MarriageIn"] = 1 },
        ["membersRemoved"] = new JsonObject(),
    };

    private static JsonObject Town() => new()
    {
        ["households"] = new JsonObject { ["Poor"] = 2, ["Exited"] = 2, ["Unregistered"] = 2 },
        ["persons"] = new JsonObject { ["Poor"] = 6, ["Exited"] = 3, ["Unregistered"] = 3 },
        ["marks"] = new JsonObject { ["NewlyPoor"] = 1 },
        ["monitoring"] = new JsonObject { ["UnstableExited"] = 1, ["Marginal"] = 1, ["eliminated"] = 1 },
        ["risks"] = new JsonObject { ["MajorIllness"] = 1, ["UnstableEmployment"] = 1, ["Schooling"] = 1, ["Disaster"] = 1 },
        ["unresolvedGuarantees"] = new JsonObject { ["Housing"] = 1, ["Water"] = 1 },
        ["membersAdded"] = new JsonObject { ["Birth"] = 1, ["MarriageIn"] = 1 },
        ["membersRemoved"] = new JsonObject { ["Death"] = 1 },
    };

    [Fact]
    public async Task A_town_counts_each_village_and_the_total_as_counted_by_hand()
    {
        var mix = await KnownMix.For(app);
        var body = await (await app.Client(Role.TownOfficer, mix.Town).GetAsync($"/api/statistics?org={mix.Town}&year=2020")).ShouldBe(HttpStatusCode.OK);

        body["org"]!.GetValue<string>().ShouldBe(mix.Town);
        body["year"]!.GetValue<int>().ShouldBe(2020);
        var rows = body["rows"]!.AsArray();
        rows.Select(r => r!["org"]!.GetValue<string>()).ShouldBe([mix.VillageA, mix.VillageB]);
        rows[1]!["name"]!.GetValue<string>().ShouldBe(mix.VillageBName);
        ShouldCount(rows[0]!, VillageA());
        ShouldCount(rows[1]!, VillageB());
        ShouldCount(body["total"]!, Town());
    }

    [Fact]
    public async Task Members_added_and_removed_count_in_the_year_of_their_effective_date()
    {
        var mix = await KnownMix.For(app);
        var body = await (await app.Client(Role.VillageClerk, mix.VillageA).GetAsync($"/api/statistics?org={mix.VillageA}&year=2019"))
            .ShouldBe(HttpStatusCode.OK);
        body["rows"]!.AsArray().ShouldBeEmpty();
        ShouldCount(body["total"]!, VillageA().With("membersAdded", new JsonObject()).With("membersRemoved", new JsonObject { ["MarriageOut"] = 1 }));
    }

    [Fact]
    public async Task The_district_has_a_row_per_town_and_the_same_figures_as_a_sheet_with_chinese_headers()
    {
        var mix = await KnownMix.For(app);
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var body = await (await district.GetAsync("/api/statistics?year=2020")).ShouldBe(HttpStatusCode.OK);
        body["org"]!.GetValue<string>().ShouldBe(AppFixture.District);
        ShouldCount(body["rows"]!.AsArray().Single(r => r!["org"]!.GetValue<string>() == mix.Town)!, Town());

        var csv = await district.GetAsync($"/api/statistics?org={mix.Town}&year=2020&format=csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines[0].Split(',');
        headers[..2].ShouldBe(["单位代码", "单位名称"]);
        var total = lines[^1].Split(',');
        total[..2].ShouldBe([mix.Town, "合计"]);
        total[Array.IndexOf(headers, "户数（贫困户）")].ShouldBe("2");
        total[Array.IndexOf(headers, "人数（贫困户）")].ShouldBe("6");
        total[Array.IndexOf(headers, "标识（新致贫户）")].ShouldBe("1");
        total[Array.IndexOf(headers, "监测（脱贫不稳定户）")].ShouldBe("1");
        total[Array.IndexOf(headers, "风险（因灾）")].ShouldBe("1");
        total[Array.IndexOf(headers, "未解决（住房安全保障）")].ShouldBe("1");
        total[Array.IndexOf(headers, "自然增加（新生儿）")].ShouldBe("1");
        total[Array.IndexOf(headers, "自然减少（死亡）")].ShouldBe("1");
        lines.Length.ShouldBe(1 + 2 + 1);

        var xlsx = await district.GetAsync($"/api/statistics?org={mix.Town}&format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public async Task Rebuilding_the_statistics_projection_counts_everything_again_from_the_events()
    {
        var mix = await KnownMix.For(app);
        var town = app.Client(Role.TownOfficer, mix.Town);
        async Task<JsonNode> Figures() => await (await town.GetAsync($"/api/statistics?org={mix.Town}&year=2020")).ShouldBe(HttpStatusCode.OK);
        var before = await Figures();
        // A rebuild starts from nothing: a unit's counts damaged here come back from the events.
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(UnitStatistics.Empty(mix.Town));
            await session.SaveChangesAsync();
        }
        JsonNode.DeepEquals(await Figures(), before).ShouldBeFalse();
        using var daemon = await app.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(StatisticsProjection.ProjectionName, CancellationToken.None);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        JsonNode.DeepEquals(await Figures(), before).ShouldBeTrue("the same counts, in whatever order");
    }

    [Fact]
    public async Task Bad_input_is_a_problem_with_a_code_and_another_unit_is_forbidden()
    {
        var mix = await KnownMix.For(app);
        var town = app.Client(Role.TownOfficer, mix.Town);
        await (await town.GetAsync($"/api/statistics?org={mix.Town}&year=abc")).ShouldBe(HttpStatusCode.BadRequest, "query.year.invalid");
        await (await town.GetAsync($"/api/statistics?org={mix.Town}&year=1999")).ShouldBe(HttpStatusCode.BadRequest, "query.year.invalid");
        await (await town.GetAsync($"/api/statistics?org={mix.Town}&format=pdf")).ShouldBe(HttpStatusCode.BadRequest, "query.format.unknown");
        await (await town.GetAsync("/api/statistics?org=12")).ShouldBe(HttpStatusCode.BadRequest, "org.code.format");
        await (await town.GetAsync($"/api/statistics?org={AppFixture.District}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Every count of the expected maps, and nothing counted beyond them (a name absent counts 0).</summary>
    private static void ShouldCount(JsonNode actual, JsonObject expected)
    {
        foreach (var (part, value) in expected)
        {
            var want = value!.AsObject();
            var got = actual[part]?.AsObject() ?? Nothing;
            foreach (var (name, n) in want) (got[name]?.GetValue<int>() ?? 0).ShouldBe(n!.GetValue<int>(), $"{part}.{name}");
            foreach (var (name, n) in got) (want[name]?.GetValue<int>() ?? 0).ShouldBe(n!.GetValue<int>(), $"{part}.{name}");
        }
    }
}

internal static class JsonObjectWith
{
    public static JsonObject With(this JsonObject o, string key, JsonNode value)
    {
        o[key] = value;
        return o;
    }
}
