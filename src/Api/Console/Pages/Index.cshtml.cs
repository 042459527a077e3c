using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections.Households;

namespace Registry.Api.Console.Pages;

/// <summary>Find a household of one's unit by its head's name or its id.</summary>
public sealed class IndexModel(IQuerySession session) : ConsolePage
{
    public string? Q { get; private set; }

    public IReadOnlyList<HouseholdDetails> Found { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(string? q) => Show(async () =>
    {
        var actor = Actor;
        actor.Require(Permission.ReadRegistry);
        Q = Text.Clean(q);
        if (Q is null) return;
        if (Guid.TryParse(Q, out var id))
        {
            Found = [actor.Visible(await session.LoadAsync<HouseholdDetails>(id, HttpContext.RequestAborted), h => h.VillageCode, "household.not-found",
                "没有这个农户，或不在您的辖区。")];
            return;
        }
        if (Q.Length > 30) throw DomainRefusal.Invalid("q", "query.q.too-long", "查询条件最多30个字。");
        var prefix = Units.Prefix(actor, null);
        Found = await session.Query<HouseholdDetails>().InUnit(prefix).Where(h => h.MemberNames.Contains(Q))
            .OrderBy(h => h.VillageCode).Take(50).ToListAsync(HttpContext.RequestAborted);
    });
}
