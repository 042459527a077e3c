using JasperFx;
using Marten;
using Marten.Events;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Projections;
using Registry.Projections.Audit;
using Registry.Projections.Campaigns;
using Registry.Projections.Households;
using Registry.Projections.Monitoring;
using Registry.Projections.People;
using Registry.Projections.Procedures;

namespace Registry.Api.Tests.Tenancy;

/// <summary>
/// The registry's model over a database per district (Marten multi-tenancy): two districts hold the same household id
/// and the same person without seeing each other, and the async daemon builds the office views in both.
/// </summary>
public sealed class DatabasePerDistrictTests(DistrictDatabases districts) : IClassFixture<DistrictDatabases>
{
    private const string WanzhouVillage = "500101001001";
    private const string FulingVillage = "500102001001";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DistrictWrites Wanzhou => districts.Writes(DistrictDatabases.Wanzhou);
    private DistrictWrites Fuling => districts.Writes(DistrictDatabases.Fuling);

    [Fact]
    public async Task The_same_household_id_and_person_in_two_districts_stay_apart_in_the_inline_read_models()
    {
        var (householdId, person) = await OneHouseholdInEachDistrict();

        await using var wanzhou = districts.Store.QuerySession(DistrictDatabases.Wanzhou);
        await using var fuling = districts.Store.QuerySession(DistrictDatabases.Fuling);
        (await wanzhou.LoadAsync<HouseholdDetails>(householdId)).ShouldSatisfyAllConditions(
            h => h!.VillageCode.ShouldBe(WanzhouVillage), h => h!.HeadName.ShouldBe("王大山"), h => h!.Version.ShouldBe(1));
        (await fuling.LoadAsync<HouseholdDetails>(householdId)).ShouldSatisfyAllConditions(
            h => h!.VillageCode.ShouldBe(FulingVillage), h => h!.HeadName.ShouldBe("李大山"), h => h!.Version.ShouldBe(1));
        (await wanzhou.LoadAsync<PersonIndexEntry>(person))!.Name.ShouldBe("王大山");
        (await fuling.LoadAsync<PersonIndexEntry>(person))!.Name.ShouldBe("李大山");

        await OnlyOwnHouseholds(wanzhou, "500101");
        await OnlyOwnHouseholds(fuling, "500102");
        (await wanzhou.Events.FetchStreamAsync(householdId)).ShouldHaveSingleItem().Data.ShouldBeOfType<HouseholdRegistered>().VillageCode.ShouldBe(WanzhouVillage);
    }

    [Fact]
    public async Task The_async_daemon_builds_the_office_views_in_both_district_databases()
    {
        var (householdId, _) = await OneHouseholdInEachDistrict();
        await Wanzhou.Change(householdId, "因病致贫风险", state => RecordRisksDecision.Decide(new RecordRisks([RiskType.MajorIllness], "因病致贫风险", null), state, DateTimeOffset.UtcNow));
        await Wanzhou.Change(householdId, "申请识别", state => StartProcedureDecision.Decide(new StartProcedure(Guid.CreateVersion7(), ProcedureKind.Identification, null),
            state, DateTimeOffset.UtcNow, ProcedureCatalog.Default, _ => null));
        await Fuling.Change(householdId, "因灾风险", state => RecordRisksDecision.Decide(new RecordRisks([RiskType.Disaster], "因灾风险", null), state, DateTimeOffset.UtcNow));
        var incomeYear = DateTimeOffset.UtcNow.Year - 1;
        await Fuling.Change(householdId, "年度收入核算", state => AssessIncomeDecision.Decide(new AssessIncome(incomeYear, 6000, 0, 0, 1200, 800, null), state, DateTimeOffset.UtcNow));

        foreach (var district in DistrictDatabases.Districts)
            await districts.Store.WaitForNonStaleProjectionDataAsync(district, Patience);

        await using var wanzhou = districts.Store.QuerySession(DistrictDatabases.Wanzhou);
        await using var fuling = districts.Store.QuerySession(DistrictDatabases.Fuling);
        var wanzhouRow = (await wanzhou.LoadAsync<MonitoringRow>(householdId)).ShouldNotBeNull();
        wanzhouRow.VillageCode.ShouldBe(WanzhouVillage);
        wanzhouRow.Risks.ShouldBe([RiskType.MajorIllness]);
        var fulingRow = (await fuling.LoadAsync<MonitoringRow>(householdId)).ShouldNotBeNull();
        fulingRow.VillageCode.ShouldBe(FulingVillage);
        fulingRow.Risks.ShouldBe([RiskType.Disaster]);

        (await wanzhou.LoadAsync<ProcedureQueue>(householdId)).ShouldNotBeNull().Kinds.ShouldBe([ProcedureKind.Identification]);
        (await fuling.LoadAsync<ProcedureQueue>(householdId)).ShouldNotBeNull().HasOpen.ShouldBeFalse();

        (await CampaignMarks(wanzhou, householdId)).ShouldBe([$"household 0 {WanzhouVillage}"]);
        (await CampaignMarks(fuling, householdId)).ShouldBe([$"household 0 {FulingVillage}", $"income {incomeYear} {FulingVillage}"], ignoreOrder: true);

        var wanzhouAudit = await wanzhou.Query<AuditEntry>().Where(a => a.StreamId == householdId).OrderBy(a => a.Version).ToListAsync();
        wanzhouAudit.Select(a => a.Version).ShouldBe([1L, 2L, 3L]);
        wanzhouAudit.ShouldAllBe(a => a.UnitCode == WanzhouVillage && a.ActorOrg == WanzhouVillage);
        var fulingAudit = await fuling.Query<AuditEntry>().Where(a => a.StreamId == householdId).OrderBy(a => a.Version).ToListAsync();
        fulingAudit.Select(a => a.Version).ShouldBe([1L, 2L, 3L]);
        fulingAudit.ShouldAllBe(a => a.UnitCode == FulingVillage && a.ActorOrg == FulingVillage);

        (await wanzhou.Query<MonitoringRow>().Where(r => r.VillageCode.StartsWith("500102")).CountAsync()).ShouldBe(0);
        (await fuling.Query<MonitoringRow>().Where(r => r.VillageCode.StartsWith("500101")).CountAsync()).ShouldBe(0);
        (await wanzhou.Query<AuditEntry>().Where(a => a.UnitCode.StartsWith("500102")).CountAsync()).ShouldBe(0);
        (await fuling.Query<AuditEntry>().Where(a => a.UnitCode.StartsWith("500101")).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task One_household_per_person_holds_within_a_district_and_not_across_districts()
    {
        var person = People.IdNumber(male: false);
        var first = Guid.CreateVersion7();
        await Wanzhou.Register(first, WanzhouVillage, Head("张秀英", person));
        var acrossTheBorder = Guid.CreateVersion7();
        await Fuling.Register(acrossTheBorder, FulingVillage, Head("张秀英", person));

        var second = Guid.CreateVersion7();
        var refusal = await Should.ThrowAsync<DomainRefusal>(() => Wanzhou.Register(second, WanzhouVillage, Head("张秀英", person)));
        refusal.Code.ShouldBe(PersonClaims.Code);

        // Past the check, as a concurrent request would be: the district's person index refuses the claim on commit.
        await using (var session = districts.Store.LightweightSession(DistrictDatabases.Wanzhou))
        {
            session.Events.StartStream<HouseholdDetails>(second, new HouseholdRegistered(second, WanzhouVillage, null, null, HouseholdStatus.Unregistered,
                null, null, DateOnly.FromDateTime(DateTime.Today), [new RegisteredMember(Guid.CreateVersion7(), Head("张秀英", person))]));
            await Should.ThrowAsync<DocumentAlreadyExistsException>(() => session.SaveChangesAsync());
        }

        await using var wanzhou = districts.Store.QuerySession(DistrictDatabases.Wanzhou);
        await using var fuling = districts.Store.QuerySession(DistrictDatabases.Fuling);
        (await wanzhou.LoadAsync<PersonIndexEntry>(person))!.HouseholdId.ShouldBe(first);
        (await fuling.LoadAsync<PersonIndexEntry>(person))!.HouseholdId.ShouldBe(acrossTheBorder);
        (await wanzhou.Events.FetchStreamStateAsync(second)).ShouldBeNull();
    }

    [Fact]
    public async Task Hash_chains_verify_per_district_database_and_tampering_in_one_district_leaves_the_other_valid()
    {
        var (householdId, _) = await OneHouseholdInEachDistrict();
        foreach (var district in new[] { Wanzhou, Fuling })
            await district.Change(householdId, "走访发现", state => RecordRisksDecision.Decide(new RecordRisks([RiskType.Schooling], "走访发现", null), state, DateTimeOffset.UtcNow));

        foreach (var district in DistrictDatabases.Districts)
        {
            var report = await HashChainVerifier.Verify(districts.Store, district, [householdId], CancellationToken.None);
            report.Valid.ShouldBeTrue();
            report.CheckedEvents.ShouldBe(2);
        }

        await using (var connection = new NpgsqlConnection(districts.ConnectionStringOf(DistrictDatabases.Fuling)))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                $"update {RegistryStore.DefaultSchema}.mt_events set data = data || '{{\"reason\": \"forged\"}}'::jsonb where stream_id = @id and version = 2", connection);
            tamper.Parameters.AddWithValue("id", householdId);
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var fuling = await HashChainVerifier.Verify(districts.Store, DistrictDatabases.Fuling, [householdId], CancellationToken.None);
        fuling.Valid.ShouldBeFalse();
        fuling.FirstBrokenLink.ShouldNotBeNull().Version.ShouldBe(2);
        fuling.FirstBrokenLink.Problem.ShouldBe("hash-mismatch");
        (await HashChainVerifier.Verify(districts.Store, DistrictDatabases.Wanzhou, [householdId], CancellationToken.None)).Valid.ShouldBeTrue();
    }

    /// <summary>The same household id and the same head's ID number, registered in both districts under different names.</summary>
    private async Task<(Guid HouseholdId, string IdNumber)> OneHouseholdInEachDistrict()
    {
        var householdId = Guid.CreateVersion7();
        var person = People.IdNumber(male: true);
        await Wanzhou.Register(householdId, WanzhouVillage, Head("王大山", person));
        await Fuling.Register(householdId, FulingVillage, Head("李大山", person));
        return (householdId, person);
    }

    private static MemberFacts Head(string name, string idNumber) => new(name, idNumber, Relation.Head);

    private static async Task OnlyOwnHouseholds(IQuerySession session, string districtPrefix)
    {
        var households = await session.Query<HouseholdDetails>().ToListAsync();
        households.ShouldNotBeEmpty();
        households.ShouldAllBe(h => h.VillageCode.StartsWith(districtPrefix));
        var people = await session.Query<PersonIndexEntry>().ToListAsync();
        people.Select(p => p.HouseholdId).Distinct().ShouldBeSubsetOf(households.Select(h => h.Id));
    }

    /// <summary>What campaign progress counts the household by in one district's database, visits aside (they depend on the day).</summary>
    private static async Task<IReadOnlyList<string>> CampaignMarks(IQuerySession session, Guid householdId) =>
        await session.QueryAsync<string>(
            $"select measure || ' ' || year || ' ' || village_code from {session.DocumentStore.Options.Events.DatabaseSchemaName}.{CampaignCounts.Marks} where household_id = ? and measure <> ?",
            householdId, CampaignCounts.Measure.Visited);
}
