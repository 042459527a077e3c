using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;

namespace Registry.Api.Audit;

/// <summary>
/// A write refused because a person it names already belongs to another household (<c>member.id-number.in-other-household</c>)
/// tells the writer that the person is on record elsewhere, whoever's unit that is: the refusal is logged as a sensitive read of
/// that household, as a look-up that found the person would be.
/// </summary>
public static class ClaimProbes
{
    private const string Item = "person-claims-sought";
    public const string Purpose = "id-number-in-other-household";

    /// <summary>The ID numbers another household holds; what was sought is kept with the request in case its refusal tells of it.</summary>
    public static async Task<IReadOnlySet<string>> Lookup(HttpContext http, IQuerySession session, IEnumerable<string?> idNumbers, Guid householdId,
        CancellationToken ct)
    {
        var sought = idNumbers.ToList();
        http.Items[Item] = (sought, householdId);
        return await PersonClaimLookup.ClaimedElsewhere(session, sought, householdId, ct);
    }

    /// <summary>
    /// Logs the households whose members the refusal tells of, before it is answered: found by the decision, or by the person
    /// index's key when another request claimed the person first. A refusal that cannot be logged is not answered.
    /// </summary>
    public static async Task RecordRefusal(HttpContext http, Exception refusal)
    {
        if (!TellsOfAClaim(refusal) || http.Items[Item] is not (List<string?> sought, Guid householdId)) return;
        var actor = Actor.From(http.User);
        var ct = http.RequestAborted;
        await using var query = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession(Infrastructure.Writing.ConcurrentWrites.Tenant(http));
        var claims = await PersonClaimLookup.ClaimsElsewhere(query, sought, householdId, ct);
        if (claims.Count == 0) return;
        await http.RequestServices.GetRequiredService<SensitiveReads>().RecordMany(actor, http, await Holders(query, claims, ct), Purpose);
    }

    /// <summary>The households and members that hold the claims: what a refusal or a verdict naming them told of.</summary>
    public static async Task<IReadOnlyList<ReadTarget>> Holders(IQuerySession query, IReadOnlyList<PersonIndexEntry> claims, CancellationToken ct)
    {
        var households = await query.LoadManyAsync<HouseholdDetails>(ct, claims.Select(c => c.HouseholdId).Distinct());
        return households.Select(h => new ReadTarget(h.Id, h.VillageCode, claims.Where(c => c.HouseholdId == h.Id).Select(c => c.MemberId).ToList())).ToList();
    }

    private static bool TellsOfAClaim(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is DomainRefusal { Code: PersonClaims.Code } || PersonClaimLookup.ClaimedFirst(x))
                return true;
        return false;
    }
}
