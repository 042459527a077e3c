using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Procedures;
using Registry.Projections.Monitoring;

namespace Registry.Api.Console.Pages;

/// <summary>The unit's monitored households (跟踪监测): kind, risks, assistance and whether the risk is eliminated.</summary>
public sealed class MonitoringModel(IQuerySession session) : ConsolePage
{
    public string? Org { get; private set; }

    public PageOf<MonitoringRow>? Result { get; private set; }

    // "page" names the Razor page itself in a route, so the page number travels as "p".
    public Task<IActionResult> OnGetAsync(string? org, string? p) => Show(async () =>
    {
        Org = org;
        Result = await MonitoringEndpoint.Find(Actor, org, null, null, null, p, "100", session, HttpContext.RequestAborted);
    });
}
