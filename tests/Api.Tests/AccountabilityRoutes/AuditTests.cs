using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Api.Audit;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Projections.Audit;
using Registry.Projections.Households;

namespace Registry.Api.Tests.AccountabilityRoutes;

[Collection(ApiCollection.Name)]
public sealed class AuditTests(AppFixture app)
{
    private async Task<(string Town, string Village, HttpClient Clerk, RegisteredHousehold Household)> HouseholdWithChanges()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village, "clerk-a", "陈会计");
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/incomes", new { year = 2020, wage = 9000m, productionCosts = 500m }))
            .ShouldBe(HttpStatusCode.OK);
        var head = household.Document.MemberId(household.HeadId);
        await (await app.Client(Role.WorkTeam, village, "team-b", "刘队员").Patch($"/api/households/{household.Id}/members/{head}",
            new { phone = "13700001111", reason = "入户核实" })).ShouldBe(HttpStatusCode.OK);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return (town, village, clerk, household);
    }

    [Fact]
    public async Task Inspectors_see_who_changed_what_in_their_unit_newest_first()
    {
        var (town, village, _, household) = await HouseholdWithChanges();
        var inspector = app.Client(Role.Inspector, town);
        var all = await (await inspector.GetAsync($"/api/audit/changes?household={household.Id}")).ShouldBe(HttpStatusCode.OK);
        var items = all["items"]!.AsArray();
        items.Select(i => i!["eventType"]!.GetValue<string>()).ShouldBe(
            ["household.member-facts-changed.v1", "household.income-assessed.v1", "household.registered.v1"]);
        var change = items[0]!;
        change["actorId"]!.GetValue<string>().ShouldBe("team-b");
        change["actorName"]!.GetValue<string>().ShouldBe("刘队员");
        change["role"]!.GetValue<string>().ShouldBe("WorkTeam");
        change["actorOrg"]!.GetValue<string>().ShouldBe(village);
        change["unitCode"]!.GetValue<string>().ShouldBe(village);
        change["reason"]!.GetValue<string>().ShouldBe("入户核实");
        change["summaryZh"]!.GetValue<string>().ShouldContain("成员信息变更：联系电话");
        change["summaryZh"]!.GetValue<string>().ShouldNotContain("phone");
        change["summaryEn"]!.GetValue<string>().ShouldContain("phone");
        change["correlationId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        var byActor = await (await inspector.GetAsync($"/api/audit/changes?org={town}&actor=clerk-a")).Json();
        byActor["total"]!.GetValue<long>().ShouldBe(2);
        var byType = await (await inspector.GetAsync($"/api/audit/changes?org={town}&type=household.income-assessed.v1")).Json();
        byType["total"]!.GetValue<long>().ShouldBe(1);
        var registeredAt = items[2]!["recordedAt"]!.GetValue<DateTimeOffset>();
        var before = await (await inspector.GetAsync($"/api/audit/changes?org={town}&to={Uri.EscapeDataString(registeredAt.AddTicks(-10).ToString("O"))}")).Json();
        // Before the household, the town's and the village's own registrations.
        before["items"]!.AsArray().Select(i => i!["eventType"]!.GetValue<string>()).ShouldBe(["org.unit-registered.v1", "org.unit-registered.v1"]);
        var since = await (await inspector.GetAsync($"/api/audit/changes?org={town}&from={Uri.EscapeDataString(registeredAt.ToString("O"))}")).Json();
        since["total"]!.GetValue<long>().ShouldBe(3);

        await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/audit/changes?org={village}")).ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        var (otherTown, _) = await app.NewVillage();
        await (await app.Client(Role.Inspector, otherTown).GetAsync($"/api/audit/changes?org={town}")).ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        (await (await app.Client(Role.Inspector, otherTown).GetAsync($"/api/audit/changes?household={household.Id}")).Json())["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Verify_passes_on_an_untouched_log_and_finds_an_event_edited_in_sql()
    {
        var (town, _, _, household) = await HouseholdWithChanges();
        var inspector = app.Client(Role.Inspector, town);
        var clean = await (await inspector.GetAsync($"/api/audit/verify?household={household.Id}")).ShouldBe(HttpStatusCode.OK);
        clean["valid"]!.GetValue<bool>().ShouldBeTrue(clean.ToJsonString());
        clean["checkedEvents"]!.GetValue<int>().ShouldBe(3);
        (await (await inspector.GetAsync($"/api/audit/verify?org={town}")).Json())["valid"]!.GetValue<bool>().ShouldBeTrue();

        await using (var connection = new NpgsqlConnection(await TestDatabase.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                $"update {app.Schema}.mt_events set data = jsonb_set(data, '{{wage}}', '1000') where stream_id = @id and version = 2", connection);
            tamper.Parameters.AddWithValue("id", household.Id);
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var report = await (await inspector.GetAsync($"/api/audit/verify?household={household.Id}")).ShouldBe(HttpStatusCode.OK);
        report["valid"]!.GetValue<bool>().ShouldBeFalse();
        report["firstBrokenLink"]!["version"]!.GetValue<long>().ShouldBe(2);
        report["firstBrokenLink"]!["problem"]!.GetValue<string>().ShouldBe("hash-mismatch");
        (await (await inspector.GetAsync($"/api/audit/verify?org={town}")).Json())["firstBrokenLink"]!["streamId"]!.GetValue<Guid>().ShouldBe(household.Id);
    }

    [Fact]
    public async Task Replaying_a_households_whole_history_equals_its_projection()
    {
        var (_, _, _, household) = await HouseholdWithChanges();
        await using var session = app.Store.QuerySession();
        var projected = await session.LoadAsync<HouseholdDetails>(household.Id);
        var snapshot = await session.LoadAsync<HouseholdSnapshot>(household.Id);
        var replayed = await session.Events.AggregateStreamAsync<HouseholdSnapshot>(household.Id);
        var serializer = app.Store.Options.Serializer();
        serializer.ToJson(replayed!).ShouldBe(serializer.ToJson(snapshot!));
        serializer.ToJson(HouseholdDetails.Of(replayed!)).ShouldBe(serializer.ToJson(projected!));
        replayed!.Version.ShouldBe(3);
    }

    [Fact]
    public async Task Rebuilding_the_audit_projection_reproduces_it_exactly()
    {
        await HouseholdWithChanges();
        async Task<string> Snapshot()
        {
            await using var session = app.Store.QuerySession();
            var entries = await session.Query<AuditEntry>().OrderBy(a => a.Sequence).ToListAsync();
            entries.Count.ShouldBeGreaterThan(0);
            return JsonSerializer.Serialize(entries);
        }
        var before = await Snapshot();
        using var daemon = await app.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<AuditProjection>(CancellationToken.None);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await Snapshot()).ShouldBe(before);
    }

    [Theory]
    [InlineData("update {0}.audit_totals set n = n + 5 where village_code = @village; insert into {0}.mt_event_progression (name, last_seq_id) values ('" + AuditTotals.KeptApart + "', 1)")]
    [InlineData("delete from {0}.audit_totals")]
    public async Task Totals_of_an_older_database_are_counted_again_from_the_trail_at_start(string olderDatabase)
    {
        // An older database: a projection of their own kept the totals and stopped at another event than the trail's; or it
        // kept none at all.
        var (_, village, _, _) = await HouseholdWithChanges();
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionString());
        await connection.OpenAsync();
        async Task<long> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("village", village);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        // Units whose total differs from their count of the trail, read in one statement.
        var differing = $"""
            select count(*) from (select unit_code as unit, count(*) as n from {app.Schema}.mt_doc_auditentry group by 1) trail
            full join (select village_code as unit, n from {app.Schema}.audit_totals where n <> 0) totals using (unit)
            where trail.n is distinct from totals.n
            """;
        (await Scalar(differing)).ShouldBe(0);
        await Scalar(string.Format(olderDatabase, app.Schema));
        (await Scalar(differing)).ShouldBeGreaterThan(0);

        await app.Host.Services.GetServices<IHostedService>().OfType<AuditTotalsCarryOver>().Single().StartAsync(CancellationToken.None);

        (await Scalar(differing)).ShouldBe(0);
        (await Scalar($"select count(*) from {app.Schema}.mt_event_progression where name = '{AuditTotals.KeptApart}'")).ShouldBe(0);
        (await AuditTotals.RecountWhereKeptApart(((Weasel.Postgresql.PostgresqlDatabase)app.Store.Storage.Database).DataSource, app.Schema,
            CancellationToken.None)).ShouldBeFalse("the next start finds nothing to count again");
    }

    [Fact]
    public async Task Unmasked_id_reads_are_recorded_for_inspectors()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village, "clerk-reader", "读者");
        var household = await Sample.Register(clerk, village);
        await (await clerk.LookUp(household.HeadId)).ShouldBe(HttpStatusCode.OK);
        var reads = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?household={household.Id}")).ShouldBe(HttpStatusCode.OK);
        var items = reads["items"]!.AsArray();
        items.Select(r => r!["purpose"]!.GetValue<string>()).ShouldBe(["person-lookup", "household-detail"]);
        items.ShouldAllBe(r => r!["actorId"]!.GetValue<string>() == "clerk-reader");
        items[0]!["memberIds"]![0]!.GetValue<Guid>().ShouldBe(household.Document.MemberId(household.HeadId));
        reads.ToJsonString().ShouldNotContain(household.HeadId);
        await (await app.Client(Role.TownOfficer, town).GetAsync($"/api/audit/sensitive-reads?household={household.Id}"))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await clerk.GetAsync($"/api/audit/sensitive-reads?household={household.Id}")).ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
    }

    [Fact]
    public async Task A_history_masks_id_numbers_for_roles_that_may_not_read_them_and_logs_the_unmasked_read()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var child = People.IdNumber(male: true, birthYear: 2020);
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members", new
        {
            member = Sample.Member("王小山", child, "Son"), reason = "Birth", effectiveDate = "2020-10-03",
        })).ShouldBe(HttpStatusCode.OK);
        var url = $"/api/households/{household.Id}/history";

        var housing = await (await app.Client(Role.HousingDept, AppFixture.District).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        housing.AsArray().Count.ShouldBe(2);
        var maskedText = housing.ToJsonString();
        maskedText.ShouldNotContain(household.HeadId);
        maskedText.ShouldNotContain(household.SpouseId);
        maskedText.ShouldNotContain(child);
        housing[0]!["data"]!["members"]![0]!["facts"]!["idNumber"]!.GetValue<string>().ShouldBe(new string('*', 14) + household.HeadId[^4..]);
        maskedText.ShouldNotContain("birthDate");
        // A hash over the unmasked data would let the masked digits be tried against it.
        housing.AsArray().ShouldAllBe(e => e!["hash"] == null);

        var officer = await (await app.Client(Role.TownOfficer, town, "town-history-reader").GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        officer[0]!["data"]!["members"]![0]!["facts"]!["idNumber"]!.GetValue<string>().ShouldBe(household.HeadId);
        officer.AsArray().ShouldAllBe(e => e!["hash"]!.GetValue<string>().Length == 64);

        var reads = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?household={household.Id}&actor=town-history-reader"))
            .ShouldBe(HttpStatusCode.OK);
        var read = reads["items"]!.AsArray().Single()!;
        read["purpose"]!.GetValue<string>().ShouldBe("household-history");
        read["memberIds"]!.AsArray().Count.ShouldBe(3);
        reads.ToJsonString().ShouldNotContain(household.HeadId);
        var all = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?household={household.Id}")).Json();
        all["items"]!.AsArray().ShouldNotContain(r => r!["actorId"]!.GetValue<string>() == $"{Role.HousingDept}-{AppFixture.District}");
    }
}
