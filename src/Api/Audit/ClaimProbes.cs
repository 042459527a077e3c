using Marten;
using Registry.Api.Infrastructure;
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
    private const string Item = "person-claims-elsewhere";
    public const string Purpose = "id-number-in-other-household";

    /// <summary>The ID numbers another household holds, kept with the request in case its refusal tells of them.</summary>
    public static async Task<IReadOnlySet<string>> Lookup(HttpContext http, IQuerySession session, IEnumerable<string?> idNumbers, Guid householdId,
        CancellationToken ct)
    {
        var claims = await PersonClaimLookup.ClaimsElsewhere(session, idNumbers, householdId, ct);
        if (claims.Count > 0) http.Items[Item] = claims;
        return claims.Select(c => c.Id).ToHashSet();
    }

    /// <summary>Logs the households whose members the request's refusal told of.</summary>
    public static async Task RecordRefusal(HttpContext http, CancellationToken ct)
    {
        if (http.Items[Item] is not IReadOnlyList<PersonIndexEntry> claims || http.User.Identity?.IsAuthenticated != true) return;
        var actor = Actor.From(http.User);
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession(http.RequestServices.GetRequiredService<Tenancy.Districts>().TenantOf(actor));
        var households = await query.LoadManyAsync<HouseholdDetails>(ct, claims.Select(c => c.HouseholdId).Distinct());
        var targets = households.Select(h => new ReadTarget(h.Id, h.VillageCode, claims.Where(c => c.HouseholdId == h.Id).Select(c => c.MemberId).ToList()));
        await http.RequestServices.GetRequiredService<SensitiveReads>().RecordMany(actor, RequestContext.CorrelationId(http), targets, Purpose, ct);
    }
}
