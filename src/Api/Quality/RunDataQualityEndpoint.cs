using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Projections.Households;
using Wolverine;
using Wolverine.Http;

namespace Registry.Api.Quality;

public sealed record RunDataQualityRequest(string? Org, int? CampaignYear);

/// <summary>
/// Starts a cleaning run over a unit's households and answers at once: the run checks the households in batches in
/// the background, opening a problem for each new finding (not again while one is open) and closing, as resolved by
/// data, the open ones whose finding no longer holds. Its progress is at the Location.
/// </summary>
public static class RunDataQualityEndpoint
{
    [WolverinePost("/api/data-quality/runs", OperationId = "runDataQuality", Summary = "Start a cleaning run over a unit (数据清洗)", Description = "Checks every household of a unit against the data-quality rules in the background: a problem is opened for each finding not already open and an open one whose finding no longer holds is closed. Answers 202 with the run; follow the Location for its progress.")]
    [ProducesResponseType<DataQualityRun>(StatusCodes.Status202Accepted)]
    public static async Task<(WriteAnswer, RunDataQuality)> Post(RunDataQualityRequest request, HttpContext http, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.RunDataQuality);
        var prefix = Units.Prefix(actor, request.Org);
        var now = clock.GetUtcNow();
        var year = request.CampaignYear ?? CampaignCatalog.LatestYearUpTo(RegistryCalendar.Today(now).Year);
        if (!RegistryCalendar.IsPlausibleYear(year, now))
            throw DomainRefusal.Invalid("campaignYear", "year.out-of-range", $"campaignYear must lie between {RegistryCalendar.FirstYear} and this year.");
        var total = await DataQualityRunner.Targets(session, prefix).CountAsync(ct);
        var run = DataQualityRun.Requested(Guid.CreateVersion7(), prefix.PadRight(12, '0'), QualityRules.Current.Version, year, now, actor,
            RequestContext.CorrelationId(http), total);
        session.Store(run);
        // Published through the outbox: the run starts once its record is committed.
        return (new WriteAnswer(StatusCodes.Status202Accepted, run, null, $"/api/data-quality/runs/{run.Id}"), new RunDataQuality(run.Id));
    }
}
