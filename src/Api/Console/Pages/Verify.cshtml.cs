using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections.Audit;
using Registry.Projections.Households;

namespace Registry.Api.Console.Pages;

/// <summary>The hash chain of one household recomputed from the stored events, and where it breaks if it does.</summary>
public sealed class VerifyModel(IQuerySession session, IDocumentStore store) : ConsolePage
{
    public Guid? Household { get; private set; }

    public VerificationReport? Report { get; private set; }

    public Task<IActionResult> OnGetAsync(string? household) => Show(async () =>
    {
        var actor = Actor;
        actor.Require(Permission.ReadAudit);
        if (Query.Id("household", household) is not { } id) return;
        Household = id;
        actor.Visible(await session.LoadAsync<HouseholdDetails>(id, HttpContext.RequestAborted), h => h.VillageCode, "household.not-found",
            "没有这个农户，或不在您的辖区。");
        Report = await HashChainVerifier.Verify(store, [id], HttpContext.RequestAborted);
    });
}
