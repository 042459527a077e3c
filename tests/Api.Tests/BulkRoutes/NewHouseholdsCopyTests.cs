using Marten;
using Marten.Events;
using Npgsql;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Audit;
using Registry.Projections.Households;
using Registry.Projections.People;

namespace Registry.Api.Tests.BulkRoutes;

[Collection(ApiCollection.Name)]
public sealed class NewHouseholdsCopyTests(AppFixture app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static object[] Events(Guid id, string village, params string[] idNumbers)
    {
        var members = idNumbers.Select((n, i) => new RegisteredMember(Guid.CreateVersion7(), new MemberFacts(i == 0 ? "王大山" : "王小山", n,
            i == 0 ? Relation.Head : Relation.Son))).ToList();
        var registered = RegisterHouseholdDecision.Decide(new RegisterHousehold(id, village, "一组", null, HouseholdStatus.Poor, 2016, null,
            new DateOnly(2019, 12, 1), members, Role.DistrictOfficer), Now, new HashSet<string>());
        var facts = RecordHouseholdFactsDecision.Decide(new RecordHouseholdFacts([PovertyCause.Illness], null, null, HouseholdSheetDecision.FactsReason),
            Household.Create((HouseholdRegistered)registered[0]), Now);
        return [.. registered, .. facts];
    }

    private static Actor Clerk(string village) => new($"clerk-{village}", "村文书", Role.VillageClerk, village);

    private IDocumentSession Pending(string village, string correlation, params (Guid Id, object[] Events)[] households)
    {
        var session = app.Store.LightweightSession();
        session.LastModifiedBy = Clerk(village).UserId;
        foreach (var (id, events) in households)
        {
            session.Events.StartStream<HouseholdDetails>(id, events);
            EventChain.Stamp(session, id, head: null, Clerk(village), reason: null, correlation);
        }
        return session;
    }

    private static ImportVerdict Verdict(Guid importId, Guid householdId) =>
        new(Guid.CreateVersion7(), importId, 2, [2, 3], "1", null, Verdicts.Applied, householdId, []);

    [Fact]
    public async Task Households_copied_in_bulk_are_stored_as_a_session_stores_them_chained_indexed_and_projected()
    {
        var (_, village) = await app.NewVillage();
        var (copied, stored) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var people = new[] { People.IdNumber(true, birthYear: 1960), People.IdNumber(true, birthYear: 1990) };
        var importId = Guid.CreateVersion7();
        var verdict = Verdict(importId, copied);

        await using (var pending = Pending(village, "bulk-correlation", (copied, Events(copied, village, people))))
            await NewHouseholdsCopy.Write(app.Store, pending, [verdict],
                session => session.Store(new ImportFile(importId, [1, 2, 3])), CancellationToken.None);
        await using (var session = Pending(village, "bulk-correlation", (stored, Events(stored, village, People.IdNumber(true, birthYear: 1960), People.IdNumber(true, birthYear: 1990)))))
            await session.SaveChangesAsync();

        // The rows of the copy are those a session's append writes, but for ids, hashes and times.
        (await EventRows(copied)).ShouldBe(await EventRows(stored));
        (await StreamRow(copied)).ShouldBe(await StreamRow(stored));
        (await Revision("mt_doc_householdsnapshot", copied)).ShouldBe(2);
        (await Revision("mt_doc_householddetails", copied)).ShouldBe(2);
        var report = await HashChainVerifier.Verify(app.Store, [copied], CancellationToken.None);
        report.Valid.ShouldBeTrue();
        report.CheckedEvents.ShouldBe(2);

        await using var query = app.Store.QuerySession();
        var details = (await query.LoadAsync<HouseholdDetails>(copied)).ShouldNotBeNull();
        var folded = (await query.Events.AggregateStreamAsync<HouseholdSnapshot>(copied)).ShouldNotBeNull();
        var serializer = app.Store.Options.Serializer();
        serializer.ToJson(details).ShouldBe(serializer.ToJson(HouseholdDetails.Of(folded)));
        serializer.ToJson((await query.LoadAsync<HouseholdSnapshot>(copied)).ShouldNotBeNull()).ShouldBe(serializer.ToJson(folded));
        details.LastHash.ShouldNotBeNull();
        details.State.Facts.ShouldNotBeNull().PovertyCauses.ShouldBe([PovertyCause.Illness]);
        var claims = await query.LoadManyAsync<PersonIndexEntry>(people);
        claims.Select(c => (c.Id, c.HouseholdId, c.MemberId))
            .ShouldBe(details.State.Members.Select(m => (m.Facts.IdNumber, copied, m.MemberId)), ignoreOrder: true);
        (await query.LoadAsync<ImportVerdict>(verdict.Id)).ShouldNotBeNull().HouseholdId.ShouldBe(copied);
        (await query.LoadAsync<ImportFile>(importId)).ShouldNotBeNull("the session's changes commit with the copy");
        (await HouseholdTotals.Table.Sum(query, village, village, null, CancellationToken.None)).ShouldBe(2, "the copy and the session each count one");

        // The async projections read the copied events like any others.
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await query.Query<AuditEntry>().Where(a => a.StreamId == copied).CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Each_copied_household_document_carries_its_own_stream_version()
    {
        var (_, village) = await app.NewVillage();
        var (registered, recorded) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        await using (var pending = Pending(village, "bulk-versions", (registered, Events(registered, village, People.IdNumber(true))[..1]),
            (recorded, Events(recorded, village, People.IdNumber(true)))))
            await NewHouseholdsCopy.Write(app.Store, pending, Array.Empty<ImportVerdict>(), _ => { }, CancellationToken.None);

        foreach (var table in new[] { "mt_doc_householdsnapshot", "mt_doc_householddetails" })
        {
            (await Revision(table, registered)).ShouldBe(1);
            (await Revision(table, recorded)).ShouldBe(2);
        }
    }

    [Fact]
    public async Task A_copy_claiming_a_person_of_another_household_fails_whole_and_writes_nothing()
    {
        var (_, village) = await app.NewVillage();
        var taken = People.IdNumber(true, birthYear: 1970);
        await DirectWrites.Household(app.Store, Guid.CreateVersion7(), village, "李四", taken, Clerk(village), "earlier");
        var (free, claiming) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var freePerson = People.IdNumber(true, birthYear: 1980);
        var importId = Guid.CreateVersion7();

        await using (var pending = Pending(village, "bulk-correlation", (free, Events(free, village, freePerson)),
                         (claiming, Events(claiming, village, People.IdNumber(true, birthYear: 1940), taken))))
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => NewHouseholdsCopy.Write(app.Store, pending, [Verdict(importId, free)],
                session => session.Store(new ImportFile(importId, [1])), CancellationToken.None));
            refused.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        }

        await using var query = app.Store.QuerySession();
        (await query.Events.FetchStreamStateAsync(free)).ShouldBeNull();
        (await query.Events.FetchStreamStateAsync(claiming)).ShouldBeNull();
        (await query.LoadAsync<HouseholdDetails>(free)).ShouldBeNull();
        (await query.LoadAsync<PersonIndexEntry>(freePerson)).ShouldBeNull();
        (await query.LoadAsync<ImportFile>(importId)).ShouldBeNull();
        (await query.Query<ImportVerdict>().Where(v => v.ImportId == importId).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_event_not_stamped_is_refused_before_anything_is_written()
    {
        var (_, village) = await app.NewVillage();
        var id = Guid.CreateVersion7();
        await using (var pending = app.Store.LightweightSession())
        {
            pending.Events.StartStream<HouseholdDetails>(id, Events(id, village, People.IdNumber(true)));
            var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
                NewHouseholdsCopy.Write(app.Store, pending, Array.Empty<ImportVerdict>(), _ => { }, CancellationToken.None));
            refused.Message.ShouldContain("not stamped");
        }
        await using var query = app.Store.QuerySession();
        (await query.Events.FetchStreamStateAsync(id)).ShouldBeNull();
    }

    private string Schema => app.Store.Options.Events.DatabaseSchemaName;

    private async Task<List<string>> EventRows(Guid streamId) => await Rows(
        "select concat_ws('|', version, type, tenant_id, mt_dotnet_type, correlation_id, user_name, is_archived, " +
        "(select string_agg(k, ',' order by k) from jsonb_object_keys(headers) k), seq_id > 0, abs(extract(epoch from now() - timestamp)) < 600) " +
        $"from {Schema}.mt_events where stream_id = @id order by version", streamId);

    private async Task<List<string>> StreamRow(Guid streamId) =>
        await Rows($"select concat_ws('|', type, version, tenant_id, compacted_version, is_archived) from {Schema}.mt_streams where id = @id", streamId);

    private async Task<long> Revision(string table, Guid id) =>
        long.Parse((await Rows($"select mt_version::text from {Schema}.{table} where id = @id", id)).Single(),
            System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<string>> Rows(string sql, Guid id)
    {
        await using var connection = app.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
