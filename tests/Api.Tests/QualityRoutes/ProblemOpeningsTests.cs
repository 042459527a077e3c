using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Quality;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Quality;
using Registry.Projections.Audit;
using Registry.Projections.Households;
using Registry.Projections.Quality;

namespace Registry.Api.Tests.QualityRoutes;

/// <summary>The problems a cleaning run opens a batch at a time are stored as an append of the same problem would store them, or not at all.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemOpeningsTests(AppFixture app)
{
    private const string Reason = "data-quality run, rule set v2";

    private async Task<(string Village, HouseholdDetails Household, Actor Actor)> Household()
    {
        var (_, village) = await app.NewVillage();
        var registered = await Sample.Register(app.Client(Role.VillageClerk, village), village);
        await using var query = app.Store.QuerySession();
        var household = (await query.LoadAsync<HouseholdDetails>(registered.Id))!;
        return (village, household, new Actor($"cleaner-{Guid.NewGuid():N}", "清洗员", Role.DistrictOfficer, AppFixture.District));
    }

    private static ProblemOpened Opened(HouseholdDetails household) =>
        RaiseProblemDecision.FromFinding(Guid.CreateVersion7(), new Finding("household.income.missing", household.Id, null, "2020"), household.State,
            household.Version, QualityRules.Current, DateTimeOffset.UtcNow);

    private IDocumentSession Session(Actor actor, string correlation)
    {
        var session = app.Store.LightweightSession();
        session.CorrelationId = correlation;
        session.LastModifiedBy = actor.UserId;
        return session;
    }

    private async Task<long> OpenIn(string village)
    {
        await using var query = app.Store.QuerySession();
        return await ProblemTotals.Table.Sum(query, village, village, [nameof(ProblemStatus.Open)], CancellationToken.None);
    }

    /// <summary>A row of each table a problem is written to, without what differs between two problems (their ids, times, sequence and hash).</summary>
    private async Task<IReadOnlyList<string>> Rows(Guid problemId)
    {
        await using var query = app.Store.QuerySession();
        var schema = app.Store.Options.Events.DatabaseSchemaName;
        return await query.AdvancedSql.QueryAsync<string>(
            $$"""
            select jsonb_build_object('version', e.version, 'type', e.type, 'tenant', e.tenant_id, 'dotnet', e.mt_dotnet_type, 'correlation', e.correlation_id,
                'user', e.user_name, 'archived', e.is_archived, 'data', e.data - 'problemId', 'headers', e.headers - 'hash')::text
            from {{schema}}.mt_events e where e.stream_id = ?
            union all
            select jsonb_build_object('type', s.type, 'version', s.version, 'tenant', s.tenant_id, 'archived', s.is_archived)::text
            from {{schema}}.mt_streams s where s.id = ?
            union all
            select jsonb_build_object('dotnet', v.mt_dotnet_type, 'version', v.mt_version, 'village', v.village_code,
                'data', (v.data - 'id' - 'lastHash') #- '{state,id}')::text
            from {{schema}}.mt_doc_problemview v where v.id = ?
            """, CancellationToken.None, problemId, problemId, problemId);
    }

    [Fact]
    public async Task A_problem_opened_in_a_batch_is_stored_as_opening_it_on_its_own_stores_it_stamped_chained_and_counted()
    {
        var (village, household, actor) = await Household();
        var correlation = Guid.NewGuid().ToString("N");
        var alone = Opened(household);
        var batched = Opened(household);
        await using (var session = Session(actor, correlation))
        {
            ProblemStreams.Open(session, alone, actor, correlation, Reason);
            await session.SaveChangesAsync();
        }
        await using (var session = Session(actor, correlation))
        {
            var openings = new ProblemOpenings(session, actor, correlation, Reason);
            openings.Add(batched);
            await openings.Queue(CancellationToken.None);
            await session.SaveChangesAsync();
        }

        var rows = await Rows(batched.ProblemId);
        rows.Count.ShouldBe(3);
        rows.ShouldBe(await Rows(alone.ProblemId));
        (await HashChainVerifier.Verify(app.Store, [alone.ProblemId, batched.ProblemId], CancellationToken.None)).Valid.ShouldBeTrue();
        (await OpenIn(village)).ShouldBe(2);

        await using var query = app.Store.QuerySession();
        var stored = (await query.Events.FetchStreamAsync(batched.ProblemId)).ShouldHaveSingleItem();
        stored.Data.ShouldBe(batched);
        stored.Headers!["actor-id"].ToString().ShouldBe(actor.UserId);
        var view = (await query.LoadAsync<ProblemView>(batched.ProblemId))!;
        view.State.ShouldBe(Problem.Create(batched));
        view.OpenedBy.ShouldBe(actor.UserId);
        (await query.Events.AggregateStreamAsync<ProblemAggregate>(batched.ProblemId))!.LastHash.ShouldBe(stored.Headers!["hash"].ToString());
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_writes_none_of_its_problems_nor_the_progress_committed_with_them()
    {
        var (village, household, actor) = await Household();
        var correlation = Guid.NewGuid().ToString("N");
        var good = Opened(household);
        var clashing = Opened(household);
        // A snapshot already under the second problem's id: its stream and event go in, then its snapshot cannot.
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(new ProblemView(clashing.ProblemId, 1, Problem.Create(clashing), null, null));
            await session.SaveChangesAsync();
        }
        var run = DataQualityRun.Requested(Guid.NewGuid(), village, QualityRules.Current.Version, 2020, DateTimeOffset.UtcNow, actor, correlation, 1);

        await using (var session = Session(actor, correlation))
        {
            var openings = new ProblemOpenings(session, actor, correlation, Reason);
            openings.Add(good);
            openings.Add(clashing);
            await openings.Queue(CancellationToken.None);
            session.Store(run);
            await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());
        }

        await using var query = app.Store.QuerySession();
        (await query.Events.FetchStreamStateAsync(good.ProblemId)).ShouldBeNull();
        (await query.Events.FetchStreamStateAsync(clashing.ProblemId)).ShouldBeNull();
        (await query.LoadAsync<ProblemView>(good.ProblemId)).ShouldBeNull();
        (await query.LoadAsync<DataQualityRun>(run.Id)).ShouldBeNull();
        (await OpenIn(village)).ShouldBe(0);
        await using var cleanup = app.Store.LightweightSession();
        cleanup.Delete<ProblemView>(clashing.ProblemId);
        await cleanup.SaveChangesAsync();
    }
}
