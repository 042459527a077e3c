using System.Net;
using System.Net.Http.Json;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.QualityRoutes;

/// <summary>The totals lists keep per village (problems, who changed what) agree with a count of the same rows, whatever units wrote them.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListTotalsTests(AppFixture app)
{
    [Fact]
    public async Task Kept_problem_totals_equal_a_count_after_problems_opened_and_resolved_at_once_in_several_units()
    {
        var (townA, villageA1) = await app.NewVillage();
        var villageA2 = townA[..9] + "002";
        (await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsJsonAsync("/api/org-units",
            new { code = villageA2, name = "二村", kind = "Village", parentCode = townA })).EnsureSuccessStatusCode();
        var (townB, villageB) = await app.NewVillage();
        var villages = new[] { villageA1, villageA2, villageB };
        var households = new Dictionary<string, List<Guid>>();
        foreach (var village in villages)
        {
            households[village] = [];
            for (var i = 0; i < 2; i++) households[village].Add((await Sample.Register(app.Client(Role.VillageClerk, village), village)).Id);
        }

        // Three problems per household, raised from every unit at the same moment.
        var inspector = app.Client(Role.Inspector, AppFixture.District, "totals-inspector", "督查组");
        var raised = await Task.WhenAll(villages.SelectMany(v => households[v]).SelectMany(h => Enumerable.Range(0, 3).Select(async n =>
            (await (await inspector.PostAsJsonAsync("/api/problems", new { householdId = h, source = "Inspection", description = $"核实第{n}项" }))
                .ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>())));
        raised.Length.ShouldBe(18);
        await Task.WhenAll(villages.Select(async v =>
        {
            var first = (await (await app.Client(Role.VillageClerk, v).GetAsync($"/api/problems?org={v}&pageSize=1")).Json())["items"]![0]!["id"]!.GetValue<Guid>();
            await (await app.Client(Role.VillageClerk, v).PostAsJsonAsync($"/api/problems/{first}/resolution", new { outcome = "ConfirmedCorrect", note = "经核实无误" }))
                .ShouldBe(HttpStatusCode.OK);
        }));

        var expected = new Dictionary<string, (long All, long Open, long Resolved)>
        {
            [villageA1] = (6, 5, 1), [villageA2] = (6, 5, 1), [villageB] = (6, 5, 1), [townA] = (12, 10, 2), [townB] = (6, 5, 1),
        };
        var reader = app.Client(Role.Inspector, AppFixture.District);
        foreach (var (org, (all, open, resolved)) in expected)
        foreach (var (status, total) in new[] { ("", all), ("Open", open), ("Resolved", resolved) })
        {
            var kept = await Total(reader, $"/api/problems?org={org}&status={status}&pageSize=2");
            // Every problem here came from an inspection: this filter takes the counting path over the same rows.
            var counted = await Total(reader, $"/api/problems?org={org}&status={status}&source=Inspection&pageSize=2");
            kept.ShouldBe(total, $"{org} {status}");
            counted.ShouldBe(total, $"{org} {status}");
            if (total <= 2) continue;
            var cursor = (await (await reader.GetAsync($"/api/problems?org={org}&status={status}&pageSize=2")).Json())["next"]!.GetValue<string>();
            (await Total(reader, $"/api/problems?org={org}&status={status}&pageSize=2&after={cursor}")).ShouldBe(total);
        }
    }

    [Fact]
    public async Task The_kept_roster_total_equals_its_rows_after_registrations_at_once_and_a_split_and_deep_pages_keep_the_order()
    {
        var (town, villageA) = await app.NewVillage();
        var villageB = town[..9] + "002";
        (await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsJsonAsync("/api/org-units",
            new { code = villageB, name = "二村", kind = "Village", parentCode = town })).EnsureSuccessStatusCode();
        var registered = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => i < 3 ? villageA : villageB)
            .Select(v => Sample.Register(app.Client(Role.VillageClerk, v), v, status: "Unregistered")));
        var clerk = app.Client(Role.VillageClerk, villageA);
        var spouse = registered[0].Document.MemberId(registered[0].SpouseId);
        await (await clerk.PostAsJsonAsync($"/api/households/{registered[0].Id}/split",
            new { memberIds = new[] { spouse }, headMemberId = spouse, reason = "分户", effectiveDate = "2020-06-01" })).ShouldBe(HttpStatusCode.Created);

        var reader = app.Client(Role.TownOfficer, town);
        foreach (var (org, households) in new[] { (town, 6), (villageA, 4), (villageB, 2) })
        {
            var whole = await (await reader.GetAsync($"/api/households?org={org}&pageSize=200")).Json();
            whole["total"]!.GetValue<long>().ShouldBe(households, org);
            var rows = whole["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ToList();
            rows.Count.ShouldBe(households, org);
            // A filter every household here meets takes the counting path over the same rows.
            (await Total(reader, $"/api/households?org={org}&status=Unregistered&pageSize=2")).ShouldBe(households, org);
            var second = await (await reader.GetAsync($"/api/households?org={org}&pageSize=2&page=2")).Json();
            second["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ShouldBe(rows.Skip(2).Take(2), org);
            second["total"]!.GetValue<long>().ShouldBe(households, org);
        }
    }

    [Fact]
    public async Task The_kept_total_of_who_changed_what_equals_a_count_of_the_units_trail()
    {
        var (townA, villageA) = await app.NewVillage();
        var (townB, villageB) = await app.NewVillage();
        await Task.WhenAll(
            Enumerable.Range(0, 3).Select(_ => Sample.Register(app.Client(Role.VillageClerk, villageA), villageA))
                .Concat(Enumerable.Range(0, 2).Select(_ => Sample.Register(app.Client(Role.VillageClerk, villageB), villageB))));
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var reader = app.Client(Role.Inspector, AppFixture.District);
        foreach (var (org, households) in new[] { (townA, 3), (villageA, 3), (townB, 2) })
        {
            var kept = await Total(reader, $"/api/audit/changes?org={org}&pageSize=1");
            var counted = await Total(reader, $"/api/audit/changes?org={org}&from=2000-01-01T00:00:00Z&pageSize=1");
            kept.ShouldBe(counted, org);
            kept.ShouldBeGreaterThanOrEqualTo(households, org);
        }
    }

    private static async Task<long> Total(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>();
}
