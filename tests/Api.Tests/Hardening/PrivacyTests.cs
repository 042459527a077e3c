using System.Globalization;
using Marten;
using Marten.Events;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.BulkRoutes;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;

namespace Registry.Api.Tests.Hardening;

/// <summary>The side channels around the unit checks: look-ups, searches, masked views, the read log and bulk probing.</summary>
[Collection(ApiCollection.Name)]
public sealed class PrivacyTests(AppFixture app)
{
    private async Task<JsonArray> Reads(string town, Guid? household = null, string? actor = null)
    {
        var query = string.Join("&", new[] { household is { } h ? $"household={h}" : null, actor is { } a ? $"actor={a}" : null }.OfType<string>());
        var page = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?{query}")).ShouldBe(HttpStatusCode.OK);
        page.ToJsonString().ShouldNotMatch(People.AnyIdNumber, "the read log holds no ID number");
        return page["items"]!.AsArray();
    }

    [Fact]
    public async Task Every_person_look_up_hit_or_miss_is_a_sensitive_read_and_the_id_number_never_travels_in_a_url()
    {
        var (town, village) = await app.NewVillage();
        var user = $"looker-{Guid.NewGuid():N}";
        var clerk = app.Client(Role.VillageClerk, village, user);
        var household = await Sample.Register(clerk, village, status: "Unregistered");

        var found = await (await clerk.LookUp(household.HeadId)).ShouldBe(HttpStatusCode.OK);
        found["householdId"]!.GetValue<Guid>().ShouldBe(household.Id);
        await (await clerk.LookUp(People.IdNumber(true))).ShouldBe(HttpStatusCode.NotFound, "person.not-found");
        await (await clerk.LookUp("12345")).ShouldBe(HttpStatusCode.BadRequest, "member.id-number.format");
        await (await clerk.GetAsync($"/api/persons/{household.HeadId}")).ShouldBe(HttpStatusCode.NotFound, "route.not-found");
        await (await app.Client(Role.HousingDept, AppFixture.District).LookUp(household.HeadId)).ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");

        var reads = await Reads(town, actor: user);
        // Newest first; the oldest is the registration's own read-back.
        reads.Select(r => (r!["purpose"]!.GetValue<string>(), r["found"]!.GetValue<bool>()))
            .ShouldBe([("person-lookup", false), ("person-lookup", true), ("household-detail", true)]);
        reads[1]!["householdId"]!.GetValue<Guid>().ShouldBe(household.Id);
        reads[1]!["memberIds"]!.AsArray().Single()!.GetValue<Guid>().ShouldBe(household.Document.MemberId(household.HeadId));
        reads[0]!["householdId"].ShouldBeNull();
    }

    /// <summary>The refusal tells the writer the person is on record elsewhere, in a unit the writer may not read.</summary>
    [Fact]
    public async Task A_write_refused_because_the_person_belongs_to_another_household_is_a_sensitive_read_of_that_household()
    {
        var (_, theirVillage) = await app.NewVillage();
        var (_, ourVillage) = await app.NewVillage();
        var theirs = await Sample.Register(app.Client(Role.VillageClerk, theirVillage), theirVillage);
        var user = $"prober-{Guid.NewGuid():N}";
        var clerk = app.Client(Role.VillageClerk, ourVillage, user);
        var ours = await Sample.Register(clerk, ourVillage);

        await (await clerk.PostAsJsonAsync($"/api/households/{ours.Id}/members", new
        {
            member = Sample.Member("李二妹", theirs.SpouseId, "Other"), reason = "MarriageIn", effectiveDate = "2020-05-01",
        })).ShouldBe(HttpStatusCode.UnprocessableEntity, "member.id-number.in-other-household");

        var read = (await Reads(AppFixture.District, actor: user)).Single(r => r!["purpose"]!.GetValue<string>() == "id-number-in-other-household")!;
        read["householdId"]!.GetValue<Guid>().ShouldBe(theirs.Id);
        read["found"]!.GetValue<bool>().ShouldBeTrue();
        read["memberIds"]!.AsArray().Select(m => m!.GetValue<Guid>()).ShouldBe([theirs.Document.MemberId(theirs.SpouseId)]);
        (await Reads(AppFixture.District, ours.Id)).ShouldNotContain(r => r!["purpose"]!.GetValue<string>() == "id-number-in-other-household");
    }

    /// <summary>
    /// Writers racing to add one new person: whether a loser is refused by its decision or by the person index's key at commit,
    /// its refusal tells of the winner's household and is logged.
    /// </summary>
    [Fact]
    public async Task Every_writer_that_loses_a_race_for_a_person_is_logged_as_reading_the_winners_household()
    {
        var person = People.IdNumber(false, birthYear: 1996);
        var writers = new List<(string User, HttpClient Clerk, RegisteredHousehold Household)>();
        for (var i = 0; i < 6; i++)
        {
            var (_, village) = await app.NewVillage();
            var user = $"racer-{Guid.NewGuid():N}";
            var clerk = app.Client(Role.VillageClerk, village, user);
            writers.Add((user, clerk, await Sample.Register(clerk, village)));
        }
        var answers = await Task.WhenAll(writers.Select(w => w.Clerk.PostAsJsonAsync($"/api/households/{w.Household.Id}/members", new
        {
            member = Sample.Member("赵六妹", person, "Other"), reason = "MarriageIn", effectiveDate = "2020-05-01",
        })));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var winner = writers[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK)];
        foreach (var (writer, answer) in writers.Zip(answers).Where(p => p.Second.StatusCode != HttpStatusCode.OK))
        {
            await answer.ShouldBe(HttpStatusCode.UnprocessableEntity, "member.id-number.in-other-household");
            var read = (await Reads(AppFixture.District, actor: writer.User)).Single(r => r!["purpose"]!.GetValue<string>() == "id-number-in-other-household")!;
            read["householdId"]!.GetValue<Guid>().ShouldBe(winner.Household.Id);
        }
    }

    [Fact]
    public async Task The_roster_matches_id_numbers_only_for_roles_that_may_read_them_and_logs_such_a_search()
    {
        var (town, village) = await app.NewVillage();
        var household = await Sample.Register(app.Client(Role.VillageClerk, village), village, status: "Unregistered");
        var url = $"/api/households?org={village}&q={household.HeadId}";

        var department = await (await app.Client(Role.HousingDept, AppFixture.District).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        department["total"]!.GetValue<long>().ShouldBe(0);
        var byName = await (await app.Client(Role.HousingDept, AppFixture.District).GetAsync($"/api/households?org={village}&q=王大山")).Json();
        byName["total"]!.GetValue<long>().ShouldBe(1);

        var user = $"searcher-{Guid.NewGuid():N}";
        var officer = await (await app.Client(Role.TownOfficer, town, user).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        officer["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(household.Id);
        var read = (await Reads(town, actor: user)).ShouldHaveSingleItem()!;
        read["purpose"]!.GetValue<string>().ShouldBe("roster-id-search");
        read["householdId"]!.GetValue<Guid>().ShouldBe(household.Id);

        // A page past the last shows no row but the total: the search found the person, and is logged as finding them.
        var later = await (await app.Client(Role.TownOfficer, town, user).GetAsync($"{url}&page=2")).ShouldBe(HttpStatusCode.OK);
        (later["items"]!.AsArray().Count, later["total"]!.GetValue<long>()).ShouldBe((0, 1L));
        var reads = await Reads(town, actor: user);
        reads.Count.ShouldBe(2);
        reads.ShouldAllBe(r => r!["found"]!.GetValue<bool>() && r["householdId"]!.GetValue<Guid>() == household.Id);
    }

    [Fact]
    public async Task Masked_views_show_the_age_never_the_birth_date_and_former_members_are_masked_and_logged_like_members()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var spouse = household.Document.MemberId(household.SpouseId);
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members/{spouse}/removal",
            new { reason = "MarriageOut", effectiveDate = "2020-06-01" })).ShouldBe(HttpStatusCode.OK);

        var masked = await (await app.Client(Role.HousingDept, AppFixture.District).GetAsync($"/api/households/{household.Id}")).ShouldBe(HttpStatusCode.OK);
        var text = masked.ToJsonString();
        text.ShouldNotContain("birthDate\":\"");
        text.ShouldNotContain(household.HeadId);
        text.ShouldNotContain(household.SpouseId);
        masked["members"]![0]!["age"]!.GetValue<int>().ShouldBeGreaterThan(40);
        masked["formerMembers"]![0]!["idNumber"]!.GetValue<string>().ShouldBe(new string('*', 14) + household.SpouseId[^4..]);
        masked["formerMembers"]![0]!["age"]!.GetValue<int>().ShouldBeGreaterThan(40);

        var user = $"reader-{Guid.NewGuid():N}";
        var full = await (await app.Client(Role.TownOfficer, town, user).GetAsync($"/api/households/{household.Id}")).ShouldBe(HttpStatusCode.OK);
        full["formerMembers"]![0]!["idNumber"]!.GetValue<string>().ShouldBe(household.SpouseId);
        full["members"]![0]!["age"]!.GetValue<int>().ShouldBeGreaterThan(40);
        var read = (await Reads(town, household.Id, user)).ShouldHaveSingleItem()!;
        read["memberIds"]!.AsArray().Select(m => m!.GetValue<Guid>()).ShouldContain(spouse);
    }

    [Fact]
    public async Task A_newborns_join_date_is_its_birth_date_and_masked_views_never_show_it()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        // Born in 2019, so that no other date of the household (registered 2020-01-01) can be the birth date.
        var baby = People.IdNumber(male: false, birthYear: 2019);
        var born = ResidentIdNumber.BirthDateOf(baby)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members",
            new { member = Sample.Member("王小妹", baby, "Daughter"), reason = "Birth", effectiveDate = born })).ShouldBe(HttpStatusCode.OK);
        var department = app.Client(Role.HousingDept, AppFixture.District);

        var document = await (await department.GetAsync($"/api/households/{household.Id}")).ShouldBe(HttpStatusCode.OK);
        document.ToJsonString().ShouldNotContain(born);
        document["members"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "王小妹")!["since"].ShouldBeNull();
        var history = await (await department.GetAsync($"/api/households/{household.Id}/history")).ShouldBe(HttpStatusCode.OK);
        history.ToJsonString().ShouldNotContain(born);
        history[1]!["effectiveOn"].ShouldBeNull();
        history[1]!["data"]!.AsObject().ContainsKey("effectiveDate").ShouldBeFalse();
        history[1]!["data"]!["reason"]!.GetValue<string>().ShouldBe("Birth");
        var page = await (await department.GetAsync($"/api/households/{household.Id}/history?limit=5")).ShouldBe(HttpStatusCode.OK);
        page.ToJsonString().ShouldNotContain(born);
        using (var browser = app.Host.Server.CreateClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/console/households/{household.Id}"))
        {
            request.Headers.Add("Cookie", $"registry-console={app.Token(Role.HousingDept, AppFixture.District)}");
            var console = await browser.SendAsync(request);
            console.StatusCode.ShouldBe(HttpStatusCode.OK);
            var text = await console.Content.ReadAsStringAsync();
            text.ShouldContain("王小妹");
            text.ShouldNotContain(born);
        }
        using (var browser = app.Host.Server.CreateClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/console/households/{household.Id}?effectiveOn={born}"))
        {
            request.Headers.Add("Cookie", $"registry-console={app.Token(Role.HousingDept, AppFixture.District)}");
            var refused = await browser.SendAsync(request);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("不能按此年度内的生效日期查看");
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var trail = await (await app.Client(Role.Inspector, AppFixture.District).GetAsync($"/api/audit/changes?household={household.Id}"))
            .ShouldBe(HttpStatusCode.OK);
        trail.ToJsonString().ShouldNotContain(born);

        // Asking day by day whether the member was there yet would tell the date: no day of the birth year is answered.
        await (await department.GetAsync($"/api/households/{household.Id}?effectiveOn={born}")).ShouldBe(HttpStatusCode.Forbidden, "privacy.birth-year");
        await (await department.GetAsync($"/api/households/{household.Id}?effectiveOn=2019-12-31")).ShouldBe(HttpStatusCode.Forbidden, "privacy.birth-year");
        (await (await department.GetAsync($"/api/households/{household.Id}?effectiveOn=2020-01-01")).ShouldBe(HttpStatusCode.OK))["members"]!
            .AsArray().Count.ShouldBe(3);
        (await (await department.GetAsync($"/api/households/{household.Id}?version=2")).ShouldBe(HttpStatusCode.OK)).ToJsonString().ShouldNotContain(born);

        // A reader who may see birth dates sees it, and the history that shows it is logged.
        var user = $"reader-{Guid.NewGuid():N}";
        var full = await (await app.Client(Role.TownOfficer, town, user).GetAsync($"/api/households/{household.Id}/history?afterVersion=1&limit=1"))
            .ShouldBe(HttpStatusCode.OK);
        full[0]!["effectiveOn"]!.GetValue<string>().ShouldBe(born);
        (await Reads(town, household.Id, user)).ShouldHaveSingleItem();
        (await (await clerk.GetAsync($"/api/households/{household.Id}?effectiveOn=2020-01-01")).ShouldBe(HttpStatusCode.OK))["members"]!
            .AsArray().Single(m => m!["name"]!.GetValue<string>() == "王小妹")!["since"]!.GetValue<string>().ShouldBe(born);
    }

    [Fact]
    public async Task A_birth_counts_as_a_visit_on_the_day_it_was_recorded_not_on_the_birth_date()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members", new
        {
            member = Sample.Member("王小妹", People.IdNumber(male: false, birthYear: 2020), "Daughter"), reason = "Birth", effectiveDate = "2020-10-10",
        })).ShouldBe(HttpStatusCode.OK);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        // Read day by day, a visit counted on the birth date would tell it.
        var progress = await (await app.Client(Role.HousingDept, AppFixture.District).GetAsync($"/api/campaigns/2020/progress?org={village}&asOf=2020-11-01"))
            .ShouldBe(HttpStatusCode.OK);
        progress["villages"]!.AsArray().Single()!["visited"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_dev_token_is_minted_only_for_a_role_at_its_units_level()
    {
        var (town, village) = await app.NewVillage();
        foreach (var (role, org) in new[] { ("VillageClerk", town), ("TownOfficer", village), ("HousingDept", town), ("Inspector", village) })
            await (await app.Anonymous().PostAsJsonAsync("/api/auth/dev-token", new { userId = "u", name = "用户", role, org }))
                .ShouldBe(HttpStatusCode.BadRequest, "auth.role-unit-mismatch");
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/dev-token", new { userId = "u", name = "用户", role = "Inspector", org = town }))
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_import_tells_whether_a_person_is_on_record_only_for_a_household_it_would_otherwise_register()
    {
        var (town, village) = await app.NewVillage();
        var (_, otherVillage) = await app.NewVillage();
        var elsewhere = await Sample.Register(app.Client(Role.VillageClerk, otherVillage), otherVillage, status: "Unregistered");
        var csv = ImportDriver.Csv(
        [
            // Otherwise sound: the claim is told.
            ["1", village, null, null, "Unregistered", null, null, null, "甲", elsewhere.HeadId, "Head"],
            // Rejected for its own fault (two heads): the claim is not told.
            ["2", village, null, null, "Unregistered", null, null, null, "乙", elsewhere.SpouseId, "Head"],
            ["2", village, null, null, null, null, null, null, "丙", People.IdNumber(true), "Head"],
            // Rejected for its facts (a cause named twice), which are checked although the person stood in the way first.
            ["3", village, null, null, "Unregistered", null, null, null, "丁", elsewhere.SpouseId, "Head", null, null, null, null, null, null, null, null, null,
                null, null, null, "Illness、Illness"],
        ], ImportDriver.EnglishHeaders);
        var uploader = $"uploader-{Guid.NewGuid():N}";
        var (import, _) = await ImportDriver.Run(app, app.Client(Role.TownOfficer, town, uploader), csv, "probe.csv");
        ImportDriver.Verdicts(import).ShouldBe(
        [
            "2 rejected | 2 idNumber member.id-number.in-other-household",
            "3 rejected | 3 relation household.head.exactly-one | 4 relation household.head.exactly-one",
            "5 rejected | 5 povertyCauses household.poverty-causes.repeated",
        ]);

        // What the verdict told is logged as a read of the household that holds the person, and only that.
        var told = (await Reads(AppFixture.District, actor: uploader)).Where(r => r!["purpose"]!.GetValue<string>() == "id-number-in-other-household").ToList();
        told.Count.ShouldBe(1);
        told[0]!["householdId"]!.GetValue<Guid>().ShouldBe(elsewhere.Id);
        told[0]!["memberIds"]!.AsArray().Select(m => m!.GetValue<Guid>()).ShouldBe([elsewhere.Document.MemberId(elsewhere.HeadId)]);
    }

    /// <summary>The same person twice in one sheet, the second time in a later batch: the holder is the sheet's own household.</summary>
    [Fact]
    public async Task A_person_named_twice_in_one_sheet_is_refused_the_second_time_without_a_read_of_the_sheets_own_household()
    {
        var (town, village) = await app.NewVillage();
        var twice = People.IdNumber(true, birthYear: 1990);
        const int households = 501; // one more than an import's batch
        var csv = ImportDriver.Csv(Enumerable.Range(1, households).Select(i => new[]
        {
            $"{i}", village, null, null, "Unregistered", null, null, null, "甲", i is 1 || i == households ? twice : People.IdNumber(true), "Head",
        }).ToList(), ImportDriver.EnglishHeaders);
        var uploader = $"uploader-{Guid.NewGuid():N}";
        var (import, _) = await ImportDriver.Run(app, app.Client(Role.TownOfficer, town, uploader), csv, "twice.csv");
        import["rejected"]!.GetValue<int>().ShouldBe(1);
        (await Reads(AppFixture.District, actor: uploader)).ShouldNotContain(r => r!["purpose"]!.GetValue<string>() == "id-number-in-other-household");
    }

    [Fact]
    public async Task Carried_over_rows_import_only_for_the_district_and_a_household_key_taken_elsewhere_is_refused()
    {
        var (town, village) = await app.NewVillage();
        var (_, otherVillage) = await app.NewVillage();
        string?[] Row(string key) => [key, village, null, null, "贫困户", "2016", null, "2019-12-01", "甲", People.IdNumber(true), "户主"];

        var (byTown, _) = await ImportDriver.Run(app, app.Client(Role.TownOfficer, town), ImportDriver.Csv([Row("1")], ImportDriver.ChineseHeaders), "t.csv");
        ImportDriver.Verdicts(byTown).ShouldBe(["2 rejected | 2 户状态 household.carry-over.district-only"]);
        var (byDistrict, _) = await ImportDriver.Run(app, app.Client(Role.DistrictOfficer, AppFixture.District),
            ImportDriver.Csv([Row("1")], ImportDriver.ChineseHeaders), "d.csv");
        ImportDriver.Verdicts(byDistrict).ShouldBe(["2 applied"]);

        // A household that holds the id a sheet's village and key name, in another village (as a client-chosen id once could).
        var squatted = NameBasedId.Household(village, "2");
        var actor = new Actor("legacy", "旧数据", Role.VillageClerk, otherVillage);
        await DirectWrites.Household(app.Store, squatted, otherVillage, "丁", People.IdNumber(true), actor, "legacy");
        var (taken, _) = await ImportDriver.Run(app, app.Client(Role.DistrictOfficer, AppFixture.District),
            ImportDriver.Csv([Row("2")], ImportDriver.ChineseHeaders), "k.csv");
        ImportDriver.Verdicts(taken).ShouldBe(["2 rejected | 2 户编号 import.household-key-taken"]);
    }

    [Fact]
    public async Task A_sheet_with_more_columns_than_a_register_has_is_refused_at_upload()
    {
        var (town, village) = await app.NewVillage();
        var wide = ImportDriver.EnglishHeaders.Concat(Enumerable.Range(0, 70).Select(i => $"extra{i}")).ToArray();
        var row = new string?[] { "1", village, null, null, "Unregistered", null, null, null, "甲", People.IdNumber(true), "Head" }
            .Concat(Enumerable.Repeat<string?>(null, ImportDriver.EnglishHeaders.Length - 11)).Concat(Enumerable.Repeat<string?>("x", 70)).ToArray();
        var upload = await app.Client(Role.TownOfficer, town).PostAsync("/api/imports", ImportDriver.Form(ImportDriver.Csv([row], wide), "wide.csv"));
        await upload.ShouldBe(HttpStatusCode.BadRequest, "import.columns.too-many");
    }
}
