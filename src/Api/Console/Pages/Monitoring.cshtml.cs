using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Procedures;

namespace Registry.Api.Console.Pages;

/// <summary>The unit's monitored households (跟踪监测): kind, risks, assistance and whether the risk is eliminated.</summary>
public sealed class MonitoringModel(IQuerySession session, TimeProvider clock) : ConsolePage
{
    public string? Org { get; private set; }

    public PageOf<MonitoredHousehold>? Result { get; private set; }

    // "page" names the Razor page itself in a route, so the page number travels as "p".
    public bool OverdueOnly { get; private set; }

    public Task<IActionResult> OnGetAsync(string? org, string? overdue, string? p) => Show(async () =>
    {
        Org = org;
        OverdueOnly = overdue == "true";
        Result = await MonitoringEndpoint.Find(Actor, new MonitoringQuery(org, Overdue: OverdueOnly ? "true" : null, Page: p, PageSize: "100"), session, clock,
            HttpContext.RequestAborted);
    });
}
