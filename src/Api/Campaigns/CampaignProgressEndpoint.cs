using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Quality;
using Registry.Domain.Submissions;
using Registry.Projections.Campaigns;
using Registry.Projections.Quality;
using Registry.Projections.Submissions;
using Wolverine.Http;

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
    int ProblemsOpen,
    int ProblemsClosed,
    IReadOnlyList<string> Behind);

public sealed record CampaignProgress(int Year, string Title, DateOnly AsOf, IReadOnlyList<CampaignPhase> Phases, IReadOnlyList<VillageProgress> Villages);

/// <summary>Progress by village against the campaign calendar (通报工作进度), and which villages are behind a phase's end date.</summary>
public static class CampaignProgressEndpoint
{
    [WolverineGet("/api/campaigns/{year}/progress", OperationId = "getCampaignProgress", Summary = "Campaign progress by unit (动态管理工作进度)", Description = "For the year's campaign: per child unit, how far each phase of the work plan has come, counted from the registry's events.")]
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
        var activity = (await ActivityCounts(session, prefix, year, on, ct)).ToDictionary(a => a.VillageCode);
        var signed = (await session.Query<SubmissionView>().InUnit(s => s.VillageCode, prefix).Where(s => s.Year == year).ToListAsync(ct))
            .Where(s => s.State.Status != SubmissionStatus.AwaitingSignatures && s.State.SubmittedOn <= on).ToLookup(s => s.VillageCode);
        var problems = (await ProblemCounts(session, prefix, year, ct)).ToDictionary(p => p.VillageCode);

        var rows = villages.Select(v =>
        {
            var households = activity.GetValueOrDefault(v.Id) ?? new ActivityCount(v.Id, 0, 0, 0, 0);
            var problemCount = problems.GetValueOrDefault(v.Id) ?? new ProblemCount(v.Id, 0, 0);
            var progress = new VillageProgress(v.Id, v.Name, households.Households, households.Visited, households.IncomeAssessed,
                households.MonitoringIdentified, signed[v.Id].Count(),
                signed[v.Id].Count(s => s.State.Review is { Outcome: ReviewOutcome.Approved } r && r.ReviewedOn <= on),
                signed[v.Id].Count(s => s.State.Review is { Outcome: ReviewOutcome.Returned } r && r.ReviewedOn <= on), problemCount.Open,
                problemCount.Closed, []);
            var behind = campaign.Phases.Where(p => p.To < on && p.Measure is { } m && !Met(m, progress)).Select(p => p.Code).ToList();
            return progress with { Behind = behind };
        }).ToList();
        return Results.Ok(new CampaignProgress(year, campaign.Title, on, campaign.Phases, rows));
    }

    private sealed record ActivityCount(string VillageCode, int Households, int Visited, int IncomeAssessed, int MonitoringIdentified);

    private sealed record ProblemCount(string VillageCode, int Open, int Closed);

    /// <summary>
    /// One aggregate over the unit's range of the activity rows' indexed code column: each row holds the first date the
    /// campaign counts it by, so the count compares a scalar with the day asked about instead of reading every date.
    /// </summary>
    private static async Task<IReadOnlyList<ActivityCount>> ActivityCounts(IQuerySession session, string prefix, int year, DateOnly on,
        CancellationToken ct)
    {
        var table = session.DocumentStore.Options.Schema.For<CampaignActivity>();
        var key = year.ToString(CultureInfo.InvariantCulture);
        var rows = await session.QueryAsync<string>($"""
            select json_build_object('villageCode', village_code, 'households', count(*),
              'visited', count(*) filter (where (data->'visitedOn'->>?)::date <= ?),
              'incomeAssessed', count(*) filter (where data->'incomeYears' @> ?::jsonb),
              'monitoringIdentified', count(*) filter (where (data->'monitoredOn'->>?)::date <= ?))::text
            from {table}
            where village_code >= ? and village_code <= ? and (data->>'removed')::boolean is not true
            group by village_code
            """, ct, key, on, $"[{key}]", key, on, Units.From(prefix), Units.To(prefix));
        return rows.Select(r => JsonSerializer.Deserialize<ActivityCount>(r, Json)!).ToList();
    }

    /// <summary>Problems open now, and those of the year closed, counted by village in the database.</summary>
    private static async Task<IReadOnlyList<ProblemCount>> ProblemCounts(IQuerySession session, string prefix, int year, CancellationToken ct)
    {
        var table = session.DocumentStore.Options.Schema.For<ProblemView>();
        var rows = await session.QueryAsync<string>($"""
            select json_build_object('villageCode', village_code,
              'open', count(*) filter (where data->>'status' = '{nameof(ProblemStatus.Open)}'),
              'closed', count(*) filter (where data->>'status' = '{nameof(ProblemStatus.Resolved)}' and left(data->'state'->>'openedOn', 4) = ?))::text
            from {table}
            where village_code >= ? and village_code <= ?
            group by village_code
            """, ct, year.ToString(CultureInfo.InvariantCulture), Units.From(prefix), Units.To(prefix));
        return rows.Select(r => JsonSerializer.Deserialize<ProblemCount>(r, Json)!).ToList();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static bool Met(PhaseMeasure measure, VillageProgress v) => measure switch
    {
        PhaseMeasure.Visited => v.Visited >= v.Households,
        PhaseMeasure.IncomeAssessed => v.IncomeAssessed >= v.Households,
        PhaseMeasure.ListSigned => v.ListsSigned > 0 || v.Households == 0,
        PhaseMeasure.ProblemsClosed => v.ProblemsOpen == 0,
        _ => true,
    };
}
