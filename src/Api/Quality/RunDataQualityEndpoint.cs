using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Projections.Households;
using Registry.Projections.Quality;
using Wolverine.Http;

namespace Registry.Api.Quality;

public sealed record RunDataQualityRequest(string? Org, int? CampaignYear);

/// <summary>
/// Runs every rule over a unit's households: opens a problem for each new finding (not again while one is
/// open) and closes, as resolved by data, the open ones whose finding no longer holds.
/// </summary>
public static class RunDataQualityEndpoint
{
    [WolverinePost("/api/data-quality/runs", OperationId = "runDataQuality", Summary = "Run the data-quality rules over a unit (数据清洗)", Description = "Applies the data-quality rules to every household of a unit and raises a problem for each finding not already open.")]
    [ProducesResponseType<DataQualityRun>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(RunDataQualityRequest request, HttpContext http, Writes writes, IDocumentSession session) =>
        writes.Run(http, async (actor, now) =>
        {
            actor.Require(Permission.RunDataQuality);
            var ct = http.RequestAborted;
            var prefix = Units.Prefix(actor, request.Org);
            var today = RegistryCalendar.Today(now);
            var year = request.CampaignYear ?? CampaignCatalog.LatestYearUpTo(today.Year);
            if (!RegistryCalendar.IsPlausibleYear(year, now))
                throw DomainRefusal.Invalid("campaignYear", "year.out-of-range", $"campaignYear must lie between {RegistryCalendar.FirstYear} and this year.");

            // Removed households (清退) are no longer targets; their open findings close as resolved by data.
            var households = await session.Query<HouseholdDetails>()
                .Where(h => h.VillageCode.StartsWith(prefix) && h.Status != Domain.Households.HouseholdStatus.Removed).ToListAsync(ct);
            var lines = await PolicyLines.Under(session, string.IsNullOrEmpty(request.Org) ? actor.Org : request.Org, ct);
            var rules = QualityRules.Current;
            var findings = rules.Run(new QualityContext(households.Select(h => h.State).ToList(), today, year, lines));
            var open = (await session.Query<ProblemView>()
                    .Where(p => p.VillageCode.StartsWith(prefix) && p.Status == ProblemStatus.Open && p.Source == ProblemSource.DataCleaning)
                    .ToListAsync(ct))
                .GroupBy(p => p.FindingKey).ToDictionary(g => g.Key, g => g.First());

            var byId = households.ToDictionary(h => h.Id);
            var fresh = findings.Where(f => !open.ContainsKey(f.Key)).ToList();
            foreach (var finding in fresh)
            {
                var household = byId[finding.HouseholdId];
                ProblemStreams.Open(session, RaiseProblemDecision.FromFinding(Guid.CreateVersion7(), finding, household.State, household.Version, rules, now),
                    actor, http, $"data-quality run, rule set v{rules.Version}");
            }
            var holding = findings.Select(f => f.Key).ToHashSet();
            var vanished = open.Values.Where(p => !holding.Contains(p.FindingKey)).ToList();
            foreach (var problem in vanished) ProblemStreams.Resolve(session, problem, ResolveProblemDecision.ByData(now), actor, http);

            var run = new DataQualityRun(Guid.CreateVersion7(), prefix.PadRight(12, '0'), rules.Version, year, now, actor.UserId, households.Count,
                findings.Count, fresh.Count, vanished.Count, open.Count - vanished.Count,
                findings.GroupBy(f => f.Rule).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
            session.Store(run);
            return new WriteOutcome(StatusCodes.Status201Created, run);
        });
}
