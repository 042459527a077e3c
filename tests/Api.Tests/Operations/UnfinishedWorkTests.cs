using Registry.Api.Audit.History;
using Registry.Api.Infrastructure;
using Registry.Api.Quality;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Operations;

/// <summary>What a server that stopped mid-way finds to take up again when it starts.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnfinishedWorkTests(AppFixture app)
{
    [Fact]
    public async Task A_started_cleaning_run_and_a_pending_verification_are_taken_up_again_and_finished_ones_are_not()
    {
        var (town, village) = await app.NewVillage();
        var actor = new Actor($"{Role.TownOfficer}-{town}", "镇扶贫办", Role.TownOfficer, town);
        var now = DateTimeOffset.UtcNow;
        var running = DataQualityRun.Requested(Guid.CreateVersion7(), village, 2, 2020, now, actor, "stopped", 3) with { Status = DataQualityRunStatus.Running };
        var finished = running with { Id = Guid.CreateVersion7(), Status = DataQualityRunStatus.Completed };
        var pending = new VerificationRun(Guid.CreateVersion7(), VerificationStatus.Pending, "inspector", AppFixture.District, now, null, 0, 0, 0, 0, null, [], 0,
            null, null);
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(running, finished);
            session.Store(pending);
            await session.SaveChangesAsync();
        }

        await using var query = app.Store.QuerySession();
        var messages = await UnfinishedWorkRecovery.Unfinished(query, CancellationToken.None);

        messages.ShouldContain(new RunDataQuality(running.Id));
        messages.ShouldContain(new RunVerification(pending.Id));
        messages.ShouldNotContain(new RunDataQuality(finished.Id));
    }
}
