using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Projections.Audit;

namespace Registry.Api.Console.Pages;

/// <summary>Who changed what in one's unit, newest first; each row links to the household as it was at that version.</summary>
public sealed class ChangesModel(IQuerySession session) : ConsolePage
{
    public string? ActorFilter { get; private set; }
    public string? Org { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Type { get; private set; }

    public PageOf<AuditEntry>? Result { get; private set; }

    // "page" names the Razor page itself in a route, so the page number travels as "p".
    public Task<IActionResult> OnGetAsync(string? actor, string? org, string? from, string? to, string? type, string? p) => Show(async () =>
    {
        (ActorFilter, Org, From, To, Type) = (actor, org, from, to, type);
        // Dates from the form are whole days in China Standard Time.
        var fromInstant = string.IsNullOrEmpty(from) ? null : $"{from}T00:00:00+08:00";
        var toInstant = string.IsNullOrEmpty(to) ? null : $"{to}T23:59:59+08:00";
        Result = await AuditChangesEndpoint.Find(Actor, actor, org, fromInstant, toInstant, type, null, p, "50", session, HttpContext.RequestAborted);
    });

    public string PageLink(int page) =>
        $"?actor={Uri.EscapeDataString(ActorFilter ?? "")}&org={Org}&from={From}&to={To}&type={Uri.EscapeDataString(Type ?? "")}&p={page}";
}
