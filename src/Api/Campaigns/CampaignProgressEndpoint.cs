using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Quality;
using Registry.Domain.Submissions;
using Registry.Projections.Campaigns;
using Registry.Projections.Org;
using Registry.Projections.Quality;
using Registry.Projections.Submissions;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Campaigns;

public sealed record VillageProgress(
    string VillageCode,
    string VillageName,
    int Households,
    int Visited,
    int IncomeAssessed,
    int MonitoringIdentified,
    int ListsSigned,
    int ListsReviewed,
    int ListsReturned,
    int ListsForwarded,
    int ListsLate,
    int ProblemsOpen,
    int ProblemsClosed,
    IReadOnlyList<string> Behind);

public sealed record CampaignProgress(int Year, string Title, DateOnly AsOf, IReadOnlyList<CampaignPhase> Phases, IReadOnlyList<VillageProgress> Villages);

/// <summary>Progress by village against the campaign calendar (通报工作进度), and which villages are behind a phase's end date.</summary>
public static class CampaignProgressEndpoint
{
    [WolverineGet("/api/campaigns/{year}/progress", OperationId = "getCampaignProgress", Summary = "Campaign progress by unit (动态管理工作进度)", Description = "For the year's campaign: per child unit, how far each phase of the work plan has come, counted from the registry's events.")]
    [Param("asOf", ParamShape.Date, "The date the work is counted and judged behind on (visits, assessments, lists signed and reviewed by then); today when absent. Open problems are those open now.")]
    [ProducesResponseType<CampaignProgress>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(int year, string? org, string? asOf, HttpContext http, IQuerySession session, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var campaign = CampaignCatalog.Of(year) ?? throw DomainRefusal.NotFound("campaign.not-found", $"No campaign is defined for {year}.");
        var prefix = Units.Prefix(actor, org);
        var on = Query.Date("asOf", asOf, "query.as-of.invalid") ?? RegistryCalendar.Today(clock.GetUtcNow());
        var ct = http.RequestAborted;

        var villages = await session.Query<OrgUnit>().Where(u => u.Id.StartsWith(prefix) && u.Kind == OrgKind.Village).OrderBy(u => u.Id).ToListAsync(ct);
        var (from, to) = (Units.From(prefix), Units.To(prefix));
        var counts = (await CampaignCounts.Of(session, from, to, year, on, ct)).ToDictionary(c => c.VillageCode);
        var signed = (await session.Query<SubmissionView>().InUnit(s => s.VillageCode, prefix).Where(s => s.Year == year).ToListAsync(ct))
            .Where(s => s.State.Status != SubmissionStatus.AwaitingSignatures && s.State.SubmittedOn <= on).ToLookup(s => s.VillageCode);
        var problems = await ProblemTotals.Table.PerVillage(session, from, to, [nameof(ProblemStatus.Open), ProblemTotals.ResolvedOpenedIn(year)], ct);

        var rows = villages.Select(v =>
        {
            var households = counts.GetValueOrDefault(v.Id) ?? new CampaignCounts.VillageCounts(v.Id, 0, 0, 0, 0);
            var progress = new VillageProgress(v.Id, v.Name, (int)households.Households, (int)households.Visited, (int)households.IncomeAssessed,
                (int)households.MonitoringIdentified, signed[v.Id].Count(),
                signed[v.Id].Count(s => s.State.Review is { Outcome: ReviewOutcome.Approved } r && r.ReviewedOn <= on),
                signed[v.Id].Count(s => s.State.Review is { Outcome: ReviewOutcome.Returned } r && r.ReviewedOn <= on),
                signed[v.Id].Count(s => s.State.Forwarding?.ForwardedOn <= on),
                signed[v.Id].Count(s => s.State.SubmittedOn > campaign.ListsDueOn),
                (int)problems.GetValueOrDefault((v.Id, nameof(ProblemStatus.Open))),
                (int)problems.GetValueOrDefault((v.Id, ProblemTotals.ResolvedOpenedIn(year))), []);
            var behind = campaign.Phases.Where(p => p.To < on && p.Measure is { } m && !Met(m, progress)).Select(p => p.Code).ToList();
            return progress with { Behind = behind };
        }).ToList();
        return Results.Ok(new CampaignProgress(year, campaign.Title, on, campaign.Phases, rows));
    }

    private static bool Met(PhaseMeasure measure, VillageProgress v) => measure switch
    {
        PhaseMeasure.Visited => v.Visited >= v.Households,
        PhaseMeasure.IncomeAssessed => v.IncomeAssessed >= v.Households,
        PhaseMeasure.ListSigned => v.ListsSigned > 0 || v.Households == 0,
        PhaseMeasure.ProblemsClosed => v.ProblemsOpen == 0,
        _ => true,
    };
}
