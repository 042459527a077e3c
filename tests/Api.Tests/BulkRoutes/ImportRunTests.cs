using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marten;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Wolverine;
using Wolverine.Tracking;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Api.Tests.BulkRoutes;

[Collection(ApiCollection.Name)]
public sealed class ImportRunTests(AppFixture app)
{
    private static string?[] Head(string key, string village, string idNumber) =>
        [key, village, null, null, "Unregistered", null, null, "2019-12-01", "王大山", idNumber, "Head"];

    [Fact]
    public async Task A_lease_whose_session_ended_is_known_as_lost_and_its_job_can_be_taken_again()
    {
        var tenant = JasperFx.StorageConstants.DefaultTenantId;
        var job = Guid.NewGuid();
        await using var lease = (await JobLease.TryTake(app.Store, tenant, "import", job, CancellationToken.None)).ShouldNotBeNull();
        await lease.EnsureHeld(CancellationToken.None);

        // An idle-session timeout, a dropped connection or an administrator ends the session that holds the lock.
        await using (var admin = app.Store.Storage.Database.CreateConnection())
        {
            await admin.OpenAsync();
            await using var end = new Npgsql.NpgsqlCommand("select pg_terminate_backend($1, 10000)", admin) { Parameters = { new() { Value = lease.SessionId } } };
            ((bool)(await end.ExecuteScalarAsync())!).ShouldBeTrue();
        }

        await Should.ThrowAsync<JobLeaseLost>(() => lease.EnsureHeld(CancellationToken.None));
        await using var again = (await JobLease.TryTake(app.Store, tenant, "import", job, CancellationToken.None)).ShouldNotBeNull();
        await again.EnsureHeld(CancellationToken.None);
        var other = (await JobLease.TryTake(app.Store, tenant, "export", job, CancellationToken.None)).ShouldNotBeNull();
        await other.DisposeAsync();
    }

    private static string?[] Son(string key, string village, string idNumber) =>
        [key, village, null, null, null, null, null, null, "王小山", idNumber, "Son"];

    [Fact]
    public Task Two_imports_racing_for_one_person_give_it_to_exactly_one_household_and_keep_every_other_household() => Race(250);

    /// <summary>
    /// Each import decides its next batch (of 500 households) while one commits: the import that loses the race in its first batch has already
    /// decided its second on the people its first claimed, and decides it again once it has settled the first.
    /// </summary>
    [Fact]
    public Task An_import_losing_a_race_in_a_batch_decides_the_batch_after_it_again_and_keeps_all_of_it() => Race(600);

    private async Task Race(int households)
    {
        var (town, village) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, town);
        var contested = People.IdNumber(true, birthYear: 1995);
        byte[] File(string prefix) => ImportDriver.Csv(Enumerable.Range(1, households).SelectMany(i => i == 120
            ? new[] { Head($"{prefix}{i}", village, People.IdNumber(true)), Son($"{prefix}{i}", village, contested) }
            : [Head($"{prefix}{i}", village, People.IdNumber(true))]), ImportDriver.EnglishHeaders);
        var (a, b) = (File("A"), File("B"));

        HttpResponseMessage[] uploads = [];
        await app.Host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            uploads = await Task.WhenAll(officer.PostAsync("/api/imports", ImportDriver.Form(a, "a.csv")),
                officer.PostAsync("/api/imports", ImportDriver.Form(b, "b.csv")))));

        var imports = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var upload in uploads)
        {
            var id = (await upload.ShouldBe(HttpStatusCode.Accepted))["importId"]!.GetValue<Guid>();
            imports.Add(await (await officer.GetAsync($"/api/imports/{id}")).ShouldBe(HttpStatusCode.OK));
        }
        imports.ShouldAllBe(i => i["status"]!.GetValue<string>() == "Completed");
        imports.Sum(i => i["applied"]!.GetValue<int>()).ShouldBe(2 * households - 1);
        var rejected = imports.SelectMany(ImportDriver.Verdicts).Where(v => v.Contains("rejected")).ToList();
        rejected.ShouldBe(["121 rejected | 122 idNumber member.id-number.in-other-household"]);

        var owner = (await (await app.Client(Role.VillageClerk, village).LookUp(contested)).Json())["householdId"]!.GetValue<Guid>();
        owner.ShouldBeOneOf(NameBasedId.Household(village, "A120"), NameBasedId.Household(village, "B120"));
        (await (await officer.GetAsync($"/api/households?org={village}&pageSize=1")).Json())["total"]!.GetValue<long>().ShouldBe(2 * households - 1);
    }

    [Fact]
    public async Task An_import_left_running_resumes_after_the_households_it_had_already_decided()
    {
        var (town, village) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, town);
        var heads = Enumerable.Range(0, 3).Select(_ => People.IdNumber(true)).ToArray();
        var file = ImportDriver.Csv(heads.Select((id, i) => Head($"{i + 1}", village, id)), ImportDriver.EnglishHeaders);

        // As a stopped server leaves it: the first household written with its verdict, the rest undecided.
        var first = NameBasedId.Household(village, "1");
        var importId = Guid.CreateVersion7();
        var actor = new Actor($"{Role.TownOfficer}-{town}", "镇扶贫办", Role.TownOfficer, town);
        var now = DateTimeOffset.UtcNow;
        await DirectWrites.Household(app.Store, first, village, "王大山", heads[0], actor, "import-before-stop", new DateOnly(2019, 12, 1));
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(new ImportFile(importId, file));
            session.Store(new ImportRecord(importId, "resume.csv", SheetFormat.Csv, ImportStatus.Running, actor, "resume-correlation", now, now, null,
                ImportCounts.None with { RowsTotal = 3, HouseholdsTotal = 3, RowsProcessed = 1, HouseholdsApplied = 1 }, null));
            session.Store(new ImportVerdict(NameBasedId.Create(NameBasedId.ImportVerdicts, $"{importId}/2"), importId, 2, [2], "1", village,
                Verdicts.Applied, first, []));
            await session.SaveChangesAsync();
        }

        // While another node holds it (every node asks for the unfinished imports at its start), this one leaves it alone.
        await using (var otherNode = await JobLease.TryTake(app.Store, JasperFx.StorageConstants.DefaultTenantId, "import", importId, CancellationToken.None))
        {
            otherNode.ShouldNotBeNull();
            (await JobLease.TryTake(app.Store, JasperFx.StorageConstants.DefaultTenantId, "import", importId, CancellationToken.None)).ShouldBeNull();
            await app.Host.TrackActivity(TimeSpan.FromSeconds(60)).PublishMessageAndWaitAsync(new RunImport(importId));
            var held = await (await officer.GetAsync($"/api/imports/{importId}")).ShouldBe(HttpStatusCode.OK);
            held["status"]!.GetValue<string>().ShouldBe("Running");
            held["applied"]!.GetValue<int>().ShouldBe(1);
        }

        await app.Host.TrackActivity(TimeSpan.FromSeconds(60)).PublishMessageAndWaitAsync(new RunImport(importId));

        var import = await (await officer.GetAsync($"/api/imports/{importId}")).ShouldBe(HttpStatusCode.OK);
        import["status"]!.GetValue<string>().ShouldBe("Completed");
        ImportDriver.Verdicts(import).ShouldBe(["2 applied", "3 applied", "4 applied"]);
        import["applied"]!.GetValue<int>().ShouldBe(3);
        import["rowsProcessed"]!.GetValue<int>().ShouldBe(3);
        var history = await (await officer.GetAsync($"/api/households/{NameBasedId.Household(village, "3")}/history")).Json();
        history[0]!["correlationId"]!.GetValue<string>().ShouldBe("resume-correlation");
        await using var query = app.Store.QuerySession();
        (await query.LoadAsync<ImportFile>(importId)).ShouldBeNull("the upload is dropped once the import has finished");
    }

    [Fact]
    public async Task A_csv_saved_by_a_chinese_excel_in_gb18030_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var text = Encoding.UTF8.GetString(ImportDriver.Csv([["1", village, "一组", null, "非建档立卡户", null, null, null, "王大山", People.IdNumber(true), "户主"]]));
        var (import, _) = await ImportDriver.Run(app, clerk, Encoding.GetEncoding("GB18030").GetBytes(text), "gbk.csv");
        ImportDriver.Verdicts(import).ShouldBe(["2 applied"]);
        var household = await (await clerk.GetAsync($"/api/households/{ImportDriver.HouseholdId(import, 2)}")).Json();
        household["members"]![0]!["name"]!.GetValue<string>().ShouldBe("王大山");
        household["groupName"]!.GetValue<string>().ShouldBe("一组");
    }

    [Fact]
    public async Task A_page_of_an_imports_verdicts_is_read_in_row_order_from_an_index_whatever_other_imports_hold()
    {
        await using var session = app.Store.QuerySession();
        var id = Guid.NewGuid();
        var command = session.Query<ImportVerdict>().Where(v => v.ImportId == id).OrderBy(v => v.FirstRow).Skip(0).Take(1).ToCommand();
        await using var connection = new Npgsql.NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // However few verdicts the test database holds, the plan a table of millions would get: no scan of the whole table.
        await using (var off = new Npgsql.NpgsqlCommand("set local enable_seqscan = off", connection, transaction)) await off.ExecuteNonQueryAsync();
        await using var explain = new Npgsql.NpgsqlCommand("explain " + command.CommandText, connection, transaction);
        foreach (Npgsql.NpgsqlParameter p in command.Parameters) explain.Parameters.Add(p.Clone());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        var text = string.Join("\n", plan);
        text.ShouldContain("Index Scan", customMessage: text);
        text.ShouldNotContain("Sort", customMessage: text);
    }

    [Fact]
    public void Household_ids_are_rfc_9562_version_5_uuids()
    {
        NameBasedId.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org").ShouldBe(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        NameBasedId.Household("500101001001", "7").ShouldBe(NameBasedId.Household("500101001001", "7"));
        NameBasedId.Household("500101001001", "7").ShouldNotBe(NameBasedId.Household("500101001002", "7"));
    }
}
