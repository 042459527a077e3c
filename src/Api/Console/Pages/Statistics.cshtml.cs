using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Statistics;

namespace Registry.Api.Console.Pages;

/// <summary>The statistics of <c>GET /api/statistics</c> by child unit, as tables and as bars.</summary>
public sealed class StatisticsModel(IQuerySession session, TimeProvider clock) : ConsolePage
{
    public string Org { get; private set; } = "";

    public StatisticsReport? Report { get; private set; }

    public Task<IActionResult> OnGetAsync(string? org, string? year) => Show(async () =>
    {
        Org = string.IsNullOrEmpty(org) ? Actor.Org : org;
        Report = await StatisticsEndpoint.Compute(Actor, org, year, session, clock, HttpContext.RequestAborted);
    });
}
