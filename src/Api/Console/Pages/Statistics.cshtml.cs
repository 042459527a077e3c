using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Api.Console.Pages;

public sealed record VillageCounts(string VillageCode, IReadOnlyDictionary<HouseholdStatus, int> ByStatus, IReadOnlyDictionary<RiskType, int> ByRisk,
    int UnstableExited, int Marginal, int Eliminated)
{
    public int Households => ByStatus.Values.Sum();
}

/// <summary>Counts by status, risk and monitoring for each village of a unit, as tables and as bars.</summary>
public sealed class StatisticsModel(IQuerySession session) : ConsolePage
{
    public string Org { get; private set; } = "";

    public IReadOnlyList<VillageCounts> Villages { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(string? org) => Show(async () =>
    {
        var actor = Actor;
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        Org = string.IsNullOrEmpty(org) ? actor.Org : org;
        var rows = await session.Query<HouseholdDetails>().Where(h => h.VillageCode.StartsWith(prefix))
            .Select(h => new { h.VillageCode, h.Status, h.Monitoring, h.Risks, h.State.Monitoring.Eliminated })
            .ToListAsync(HttpContext.RequestAborted);
        Villages = rows.GroupBy(r => r.VillageCode).OrderBy(g => g.Key).Select(g => new VillageCounts(g.Key,
            g.GroupBy(r => r.Status).ToDictionary(s => s.Key, s => s.Count()),
            g.SelectMany(r => r.Risks).GroupBy(r => r).ToDictionary(r => r.Key, r => r.Count()),
            g.Count(r => r.Monitoring == MonitoringKind.UnstableExited), g.Count(r => r.Monitoring == MonitoringKind.Marginal),
            g.Count(r => r.Monitoring != MonitoringKind.None && r.Eliminated))).ToList();
    });
}
