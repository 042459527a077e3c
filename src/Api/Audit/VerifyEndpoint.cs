using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure.Contract;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections.Audit;
using Registry.Projections.Households;
using Wolverine.Http;

namespace Registry.Api.Audit;

/// <summary>Recomputes the hash chain of one household, or of every household in a unit, and reports the first broken link.</summary>
public static class VerifyEndpoint
{
    public const int MaxHouseholds = 20_000;

    [WolverineGet("/api/audit/verify", OperationId = "verifyHistory", Summary = "Verify households' hash chains (历史核验)", Description = "Recomputes the hash chain of one household (?household=) or of every household of a unit (?org=) and reports each break.")]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType<VerificationReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? household, string? org, HttpContext http, IDocumentStore store, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadAudit);
        var ct = http.RequestAborted;
        IReadOnlyCollection<Guid> ids;
        if (Query.Id("household", household) is { } id)
        {
            actor.Visible(await session.LoadAsync<HouseholdDetails>(id, ct), h => h.VillageCode, "household.not-found", "No household with this id.");
            ids = [id];
        }
        else
        {
            var prefix = Units.Prefix(actor, org);
            ids = await session.Query<HouseholdDetails>().Where(h => h.VillageCode.StartsWith(prefix)).Select(h => h.Id).Take(MaxHouseholds + 1).ToListAsync(ct);
            if (ids.Count > MaxHouseholds)
                throw DomainRefusal.Invalid("org", "audit.verify.too-many", $"Verify at most {MaxHouseholds} households at once; choose a smaller unit.");
        }
        return Results.Ok(await HashChainVerifier.Verify(store, ids, ct));
    }
}
