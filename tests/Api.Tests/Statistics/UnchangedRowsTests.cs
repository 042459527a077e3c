using System.Net;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Statistics;

[Collection(ApiCollection.Name)]
public sealed class UnchangedRowsTests(AppFixture app)
{
    /// <summary>
    /// A member's new phone number changes nothing the monitoring view or the statistics count: once the async projections
    /// have read it, the household's monitoring row and tally are the very rows they were (same row version), while a
    /// risk, which both show, writes both again.
    /// </summary>
    [Fact]
    public async Task An_event_that_changes_nothing_they_show_leaves_the_monitoring_row_and_the_tally_unwritten()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var registered = await RowVersions(household.Id);

        var spouse = household.Document.MemberId(household.SpouseId);
        await (await clerk.Send(HttpMethod.Patch, $"/api/households/{household.Id}/members/{spouse}", new { phone = "13700004444", reason = "换号" }))
            .ShouldBe(HttpStatusCode.OK);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await RowVersions(household.Id)).ShouldBe(registered);

        await (await clerk.PutAsJsonAsync($"/api/households/{household.Id}/risks", new { risks = new[] { "MajorIllness" }, reason = "入户排查", recordedOn = "2020-09-25" }))
            .ShouldBe(HttpStatusCode.OK);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var atRisk = await RowVersions(household.Id);
        atRisk.Monitoring.ShouldNotBe(registered.Monitoring);
        atRisk.Tally.ShouldNotBe(registered.Tally);
    }

    private async Task<Versions> RowVersions(Guid household)
    {
        await using var query = app.Store.QuerySession();
        return (await query.QueryAsync<Versions>($"""
            select jsonb_build_object(
              'monitoring', (select xmin::text from {app.Schema}.mt_doc_monitoringrow where id = ?),
              'tally', (select xmin::text from {app.Schema}.mt_doc_householdtally where id = ?))
            """, household, household)).Single();
    }

    public sealed record Versions(string Monitoring, string Tally);
}
