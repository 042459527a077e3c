using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Registry.Api.Bulk;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Projections.Households;

namespace Registry.Api.Tests.BulkRoutes;

[Collection(ApiCollection.Name)]
public sealed class ImportTests(AppFixture app)
{
    /// <summary>Seven households over eleven rows: two good, then a bad checksum, two heads, an unknown village, a person already registered, a village outside the town.</summary>
    private sealed record Scenario(string Town, string Village, string Taken, string[] Good)
    {
        public List<string?[]> Rows(bool chinese, string outside)
        {
            string L(string zh, string en) => chinese ? zh : en;
            var unknown = Town[..9] + "099";
            string Id(bool male) => People.IdNumber(male);
            return
            [
                ["1", Village, "一组", "某村一组1号", L("非建档立卡户", "Unregistered"), null, null, "2019-12-01", "王大山", Good[0], L("户主", "Head"), "13800138000",
                    L("非在校生", "NotInSchool"), L("健康", "Healthy"), L("无残疾", "None"), L("普通劳动力", "Ordinary"), L("本地务农", "LocalFarming")],
                ["1", Village, null, null, null, null, null, null, "李二妹", Good[1], L("配偶", "Spouse"), null, null, L("长期慢性病", "ChronicIllness")],
                ["2", Village, "二组", null, L("非建档立卡户", "Unregistered"), null, null, "2019-12-01", "赵一", Id(true), L("户主", "Head")],
                ["2", Village, null, null, null, null, null, null, "赵二", ImportDriver.WithWrongCheckDigit(Id(true)), L("之子", "Son")],
                ["3", Village, null, null, L("非建档立卡户", "Unregistered"), null, null, null, "钱一", Id(true), L("户主", "Head")],
                ["3", Village, null, null, null, null, null, null, "钱二", Id(true), L("户主", "Head")],
                ["4", unknown, null, null, L("非建档立卡户", "Unregistered"), null, null, null, "孙一", Id(true), L("户主", "Head")],
                ["5", Village, null, null, L("非建档立卡户", "Unregistered"), null, null, null, "周一", Id(true), L("户主", "Head")],
                ["5", Village, null, null, null, null, null, null, "周二", Taken, L("之子", "Son")],
                ["6", outside, null, null, L("非建档立卡户", "Unregistered"), null, null, null, "吴一", Id(true), L("户主", "Head")],
                ["7", Village, null, null, L("非建档立卡户", "Unregistered"), null, null, "2020-03-01", "郑一", Good[2], L("户主", "Head")],
            ];
        }

        public string[] ExpectedVerdicts(bool chinese)
        {
            string C(string zh, string en) => chinese ? zh : en;
            return
            [
                "2 applied",
                $"4 rejected | 5 {C("身份证号", "idNumber")} member.id-number.checksum",
                $"6 rejected | 6 {C("与户主关系", "relation")} household.head.exactly-one | 7 {C("与户主关系", "relation")} household.head.exactly-one",
                $"8 rejected | 8 {C("村代码", "villageCode")} org.village-unknown",
                $"9 rejected | 10 {C("身份证号", "idNumber")} member.id-number.in-other-household",
                $"11 rejected | 11 {C("村代码", "villageCode")} auth.outside-jurisdiction",
                "12 applied",
            ];
        }
    }

    private async Task<Scenario> NewScenario()
    {
        var (town, village) = await app.NewVillage();
        var existing = await Sample.Register(app.Client(Role.VillageClerk, village), village);
        return new Scenario(town, village, existing.HeadId, [People.IdNumber(true), People.IdNumber(false), People.IdNumber(false)]);
    }

    private static void ShouldCount(JsonNode import, int rows, int households, int applied, int rejected, int alreadyImported)
    {
        import["rowsTotal"]!.GetValue<int>().ShouldBe(rows);
        import["rowsProcessed"]!.GetValue<int>().ShouldBe(rows);
        import["householdsTotal"]!.GetValue<int>().ShouldBe(households);
        import["applied"]!.GetValue<int>().ShouldBe(applied);
        import["rejected"]!.GetValue<int>().ShouldBe(rejected);
        import["alreadyImported"]!.GetValue<int>().ShouldBe(alreadyImported);
    }

    [Fact]
    public async Task A_csv_with_chinese_headers_applies_the_good_households_and_reports_each_bad_row()
    {
        var s = await NewScenario();
        var (_, outside) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, s.Town, userId: "importer-1", name: "镇扶贫办");
        var file = ImportDriver.Csv(s.Rows(chinese: true, outside));

        var (import, upload) = await ImportDriver.Run(app, officer, file, "户成员.csv");

        ImportDriver.Verdicts(import).ShouldBe(s.ExpectedVerdicts(chinese: true));
        ShouldCount(import, rows: 11, households: 7, applied: 2, rejected: 5, alreadyImported: 0);
        import["fileName"]!.GetValue<string>().ShouldBe("户成员.csv");
        import["createdBy"]!["userId"]!.GetValue<string>().ShouldBe("importer-1");

        var id = ImportDriver.HouseholdId(import, 2);
        id.ShouldBe(NameBasedId.Household(s.Village, "1"));
        var household = await (await officer.GetAsync($"/api/households/{id}")).ShouldBe(HttpStatusCode.OK);
        household["status"]!.GetValue<string>().ShouldBe("Unregistered");
        household["registeredOn"]!.GetValue<string>().ShouldBe("2019-12-01");
        household["groupName"]!.GetValue<string>().ShouldBe("一组");
        var members = household["members"]!.AsArray();
        members.Select(m => m!["idNumber"]!.GetValue<string>()).ShouldBe([s.Good[0], s.Good[1]]);
        members[0]!["workStatus"]!.GetValue<string>().ShouldBe("LocalFarming");
        members[0]!["laborCapacity"]!.GetValue<string>().ShouldBe("Ordinary");
        members[1]!["health"]!.GetValue<string>().ShouldBe("ChronicIllness");
        members[1]!["relation"]!.GetValue<string>().ShouldBe("Spouse");

        var history = await (await officer.GetAsync($"/api/households/{id}/history")).ShouldBe(HttpStatusCode.OK);
        var registered = history.AsArray().Single()!;
        registered["actor"]!["userId"]!.GetValue<string>().ShouldBe("importer-1");
        registered["actor"]!["role"]!.GetValue<string>().ShouldBe("TownOfficer");
        registered["correlationId"]!.GetValue<string>().ShouldBe(upload.Headers.GetValues("X-Correlation-Id").Single());
        registered["hash"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var verify = await (await app.Client(Role.Inspector, s.Town).GetAsync($"/api/audit/verify?household={id}")).ShouldBe(HttpStatusCode.OK);
        verify["valid"]!.GetValue<bool>().ShouldBeTrue();

        // Nothing of a rejected household was written: the person index still knows only the good ones.
        var clerk = app.Client(Role.VillageClerk, s.Village);
        await (await clerk.LookUp(s.Good[2])).ShouldBe(HttpStatusCode.OK);
        (await (await clerk.LookUp(s.Taken)).Json())["householdId"]!.GetValue<Guid>()
            .ShouldNotBe(NameBasedId.Household(s.Village, "5"));
        var roster = await (await officer.GetAsync($"/api/households?org={s.Town}")).ShouldBe(HttpStatusCode.OK);
        roster["total"]!.GetValue<long>().ShouldBe(3);
        // The copy writes each household's roster line with its document, as every other write does.
        await using var session = app.Store.QuerySession();
        (await session.QueryAsync<int>($"select count(*)::int from {app.Store.Options.Schema.For<HouseholdDetails>()} where id = ? and roster_line is null", CancellationToken.None, id))
            .Single().ShouldBe(0);

        // Each household's two documents carry its stream's version; a household of one event has them written once, by the copy
        // in its stream's transaction, never rewritten to set the version.
        var applied = new[] { id, ImportDriver.HouseholdId(import, 12) };
        var revisions = await session.QueryAsync<string>($"""
            select s.version || ':' || d.mt_version || ':' || h.mt_version || ':' || (s.version > 1 or (d.xmin = e.xmin and h.xmin = e.xmin))
            from {app.Schema}.mt_streams s
              join {app.Schema}.mt_events e on e.stream_id = s.id and e.version = 1
              join {app.Store.Options.Schema.For<HouseholdDetails>()} d on d.id = s.id
              join {app.Store.Options.Schema.For<HouseholdSnapshot>()} h on h.id = s.id
            where s.id = any(?)
            """, CancellationToken.None, applied);
        revisions.Count.ShouldBe(2);
        foreach (var parts in revisions.Select(r => r.Split(':')))
        {
            parts[1].ShouldBe(parts[0]);
            parts[2].ShouldBe(parts[0]);
            parts[3].ShouldBe("true");
        }
    }

    [Fact]
    public async Task An_xlsx_with_english_headers_gives_the_same_verdicts_and_a_reimport_appends_nothing()
    {
        var s = await NewScenario();
        var (_, outside) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, s.Town);
        // As Excel stores them: the years as numbers, the registration date as a date cell.
        var rows = s.Rows(chinese: false, outside).Select(r => r.Select<string?, object?>((c, i) => i switch
        {
            5 or 6 when c is not null => double.Parse(c),
            7 when c is not null => DateTime.Parse(c),
            _ => c,
        }).ToArray()).ToList();
        var file = ImportDriver.Xlsx(rows);

        var (first, _) = await ImportDriver.Run(app, officer, file, "households.xlsx");
        ImportDriver.Verdicts(first).ShouldBe(s.ExpectedVerdicts(chinese: false));
        ShouldCount(first, rows: 11, households: 7, applied: 2, rejected: 5, alreadyImported: 0);
        var household = await (await officer.GetAsync($"/api/households/{ImportDriver.HouseholdId(first, 12)}")).ShouldBe(HttpStatusCode.OK);
        household["registeredOn"]!.GetValue<string>().ShouldBe("2020-03-01");

        var (second, _) = await ImportDriver.Run(app, officer, file, "households.xlsx");
        var expected = s.ExpectedVerdicts(chinese: false).Select(v => v.Replace("applied", "already-imported")).ToArray();
        ImportDriver.Verdicts(second).ShouldBe(expected);
        ShouldCount(second, rows: 11, households: 7, applied: 0, rejected: 5, alreadyImported: 2);
        var roster = await (await officer.GetAsync($"/api/households?org={s.Town}")).ShouldBe(HttpStatusCode.OK);
        roster["total"]!.GetValue<long>().ShouldBe(3);
        var history = await (await officer.GetAsync($"/api/households/{ImportDriver.HouseholdId(first, 2)}/history")).Json();
        history.AsArray().Count.ShouldBe(1);

        var rejected = await (await officer.GetAsync($"/api/imports/{second["importId"]}?verdict=rejected&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        rejected["verdicts"]!["total"]!.GetValue<long>().ShouldBe(5);
        rejected["verdicts"]!["items"]!.AsArray().Count.ShouldBe(2);
        var already = await (await officer.GetAsync($"/api/imports/{second["importId"]}?verdict=already-imported")).ShouldBe(HttpStatusCode.OK);
        already["verdicts"]!["total"]!.GetValue<long>().ShouldBe(2);
        already["verdicts"]!["items"]!.AsArray().Count.ShouldBe(2);
        var all = await (await officer.GetAsync($"/api/imports/{second["importId"]}?pageSize=5&page=2")).ShouldBe(HttpStatusCode.OK);
        all["verdicts"]!["total"]!.GetValue<long>().ShouldBe(7);
        all["verdicts"]!["items"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Cells_the_sheet_cannot_read_are_reported_and_a_person_twice_in_the_file_is_kept_only_once()
    {
        var (town, village) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, town);
        var twice = People.IdNumber(true);
        var file = ImportDriver.Csv(
        [
            ["1", village, null, null, "Unregistered", null, null, null, "甲", twice, "Head"],
            ["2", village, null, null, "Unregistered", null, null, null, "乙", People.IdNumber(true), "Head"],
            ["2", village, null, null, null, null, null, null, "丙", twice, "Son"],
            ["3", village, null, null, "Rich", "二〇一六", null, "yesterday", "丁", People.IdNumber(true), "Boss", null, null, "Fine"],
            [null, village, null, null, "Unregistered", null, null, null, "戊", People.IdNumber(true), "Head"],
            ["4", "5001", null, null, "Unregistered", null, null, null, "己", People.IdNumber(true), "Head"],
            ["5", village, "一组", null, "Unregistered", null, null, null, "庚", People.IdNumber(true), "Head"],
            ["5", village, "二组", null, null, null, null, null, "辛", People.IdNumber(false), "Spouse"],
            ["6", village, null, null, null, null, null, null, "壬", People.IdNumber(true), "Head"],
        ], ImportDriver.EnglishHeaders);

        var (import, _) = await ImportDriver.Run(app, officer, file, "mixed.csv");

        ImportDriver.Verdicts(import).ShouldBe(
        [
            "2 applied",
            "3 rejected | 4 idNumber member.id-number.in-other-household",
            "5 rejected | 5 status import.enum.unknown | 5 identifiedYear import.year.invalid | 5 registeredOn import.date.invalid"
                + " | 5 relation import.enum.unknown | 5 health import.enum.unknown",
            "6 rejected | 6 householdKey field.required",
            "7 rejected | 7 villageCode org.code.format",
            "8 rejected | 9 groupName import.household.inconsistent",
            "10 rejected | 10 status field.required",
        ]);
    }

    [Fact]
    public async Task The_upload_is_refused_without_a_token_a_permission_or_a_readable_sheet()
    {
        var (town, village) = await app.NewVillage();
        var csv = ImportDriver.Csv([["1", village, null, null, "Unregistered", null, null, null, "甲", People.IdNumber(true), "Head"]]);

        (await app.Anonymous().PostAsync("/api/imports", ImportDriver.Form(csv, "a.csv"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client(Role.Inspector, town).PostAsync("/api/imports", ImportDriver.Form(csv, "a.csv")))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");

        var clerk = app.Client(Role.VillageClerk, village);
        await (await clerk.PostAsync("/api/imports", ImportDriver.Form(csv, "a.txt"))).ShouldBe(HttpStatusCode.BadRequest, "import.file.unsupported-type");
        await (await clerk.PostAsync("/api/imports", ImportDriver.Form([1, 2, 3, 4], "a.xlsx"))).ShouldBe(HttpStatusCode.BadRequest, "import.file.unreadable");
        await (await clerk.PostAsync("/api/imports", ImportDriver.Form([], "a.csv"))).ShouldBe(HttpStatusCode.BadRequest, "import.file.empty");
        await (await clerk.PostAsync("/api/imports", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBe(HttpStatusCode.BadRequest, "import.file.required");
        foreach (var truncated in new[] { "{\"a\":1}", "%%%", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n户编号" })
        {
            var body = new StringContent(truncated);
            body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            await (await clerk.PostAsync("/api/imports", body)).ShouldBe(HttpStatusCode.BadRequest, "request.malformed");
        }
        var missing = await (await clerk.PostAsync("/api/imports", ImportDriver.Form(ImportDriver.Csv([], ["户编号", "村代码", "姓名"]), "a.csv")))
            .ShouldBe(HttpStatusCode.BadRequest, "import.columns.missing");
        missing["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["status", "idNumber", "relation"], ignoreOrder: true);

        var tooLarge = new byte[Upload.MaxFileBytes + 1];
        await (await clerk.PostAsync("/api/imports", ImportDriver.Form(tooLarge, "big.csv"))).ShouldBe(HttpStatusCode.RequestEntityTooLarge, "request.too-large");
    }

    [Fact]
    public async Task A_sheet_larger_than_the_json_body_limit_is_accepted_up_to_the_file_limit()
    {
        var (_, village) = await app.NewVillage();
        var unknownVillage = village[..9] + "999";
        var address = new string('路', 120);
        var rows = Enumerable.Range(0, 200).SelectMany(h => Enumerable.Range(0, 20).Select(m => new string?[]
        {
            $"{h}", unknownVillage, "一组", address, "Unregistered", null, null, "2019-12-01", "甲乙", People.IdNumber(m % 2 == 0), m == 0 ? "Head" : "Other",
        })).ToList();
        var csv = ImportDriver.Csv(rows);
        csv.Length.ShouldBeGreaterThan(1024 * 1024);

        var (import, _) = await ImportDriver.Run(app, app.Client(Role.TownOfficer, village[..9] + "000"), csv, "large.csv");
        ShouldCount(import, rows: 4000, households: 200, applied: 0, rejected: 200, alreadyImported: 0);
    }

    [Fact]
    public async Task An_upload_repeated_with_its_idempotency_key_answers_the_same_import_and_starts_no_other()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        clerk.DefaultRequestHeaders.Add("Idempotency-Key", "upload-1");
        var csv = ImportDriver.Csv([["1", village, null, null, "Unregistered", null, null, null, "甲", People.IdNumber(true), "Head"]]);
        var (first, _) = await ImportDriver.Run(app, clerk, csv, "one.csv");

        var again = await ImportDriver.Upload(app, clerk, csv, "one.csv");
        (await again.ShouldBe(HttpStatusCode.Accepted))["importId"]!.GetValue<Guid>().ShouldBe(first["importId"]!.GetValue<Guid>());
        var import = await (await clerk.GetAsync($"/api/imports/{first["importId"]}")).Json();
        ImportDriver.Verdicts(import).ShouldBe(["2 applied"]);
    }

    /// <summary>The village head registers households by sheet as by the API, and no more: their facts it may not record either way.</summary>
    [Fact]
    public async Task A_village_head_imports_households_but_not_their_facts()
    {
        var (_, village) = await app.NewVillage();
        var head = app.Client(Role.VillageHead, village);
        string?[] Row(string key, string? causes) =>
            [key, village, null, null, "非建档立卡户", null, null, null, key == "1" ? "甲一" : "乙二", People.IdNumber(true), "户主", null, null, null, null, null, null,
                null, null, null, null, null, null, causes, null, null];

        var (import, _) = await ImportDriver.Run(app, head, ImportDriver.Csv([Row("1", null), Row("2", "因病")]), "head.csv");

        ImportDriver.Verdicts(import).ShouldBe(["2 applied", "3 rejected | 3 致贫原因 auth.role-not-allowed"]);
    }

    /// <summary>A household's facts from a sheet are recorded after its registration with the reason their decision carries, chained after it.</summary>
    [Fact]
    public async Task Facts_from_a_sheet_are_recorded_with_their_reason_after_the_registration()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        string?[] row = ["1", village, null, null, "非建档立卡户", null, null, null, "丙三", People.IdNumber(true), "户主", null, null, null, null, null, null,
            null, null, null, null, null, null, "因病", null, null];

        var (import, _) = await ImportDriver.Run(app, clerk, ImportDriver.Csv([row]), "facts.csv");

        var id = ImportDriver.HouseholdId(import, 2);
        var history = (await (await clerk.GetAsync($"/api/households/{id}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        history.Select(e => e!["reason"]?.GetValue<string>()).ShouldBe([null, HouseholdSheetDecision.FactsReason]);
        var verify = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/verify?household={id}")).ShouldBe(HttpStatusCode.OK);
        verify["valid"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task An_import_is_shown_to_its_uploader_and_the_units_above_only()
    {
        var (town, village) = await app.NewVillage();
        var (otherTown, _) = await app.NewVillage();
        var uploader = "uploader-" + Guid.NewGuid().ToString("N");
        var clerk = app.Client(Role.VillageClerk, village, uploader);
        var csv = ImportDriver.Csv([["1", village, null, null, "Unregistered", null, null, null, "甲", People.IdNumber(true), "Head"]]);
        var (import, _) = await ImportDriver.Run(app, clerk, csv, "one.csv");
        var url = $"/api/imports/{import["importId"]}";

        // The uploader, posted since to a village of another town, no longer sees the import of the village they left.
        var (_, movedTo) = await app.NewVillage();
        await (await app.Client(Role.VillageClerk, movedTo, uploader).GetAsync(url)).ShouldBe(HttpStatusCode.NotFound, "import.not-found");

        await (await app.Client(Role.TownOfficer, town).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.TownOfficer, otherTown).GetAsync(url)).ShouldBe(HttpStatusCode.NotFound, "import.not-found");
        (await app.Anonymous().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await clerk.GetAsync($"/api/imports/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound, "import.not-found");
        await (await clerk.GetAsync($"{url}?verdict=maybe")).ShouldBe(HttpStatusCode.BadRequest, "query.enum.unknown");
    }
}
