using Marten;

namespace Registry.Projections.People;

/// <summary>Reads the person index of the session's database: which of some ID numbers another household holds now.</summary>
public static class PersonClaimLookup
{
    /// <summary>A commit refused because a concurrent request claimed a person it names first (the person index's key).</summary>
    public static bool ClaimedFirst(Exception e) => e is JasperFx.DocumentAlreadyExistsException { DocType: var t } && t == typeof(PersonIndexEntry);

    /// <summary>ID numbers among <paramref name="idNumbers"/> that belong to a household other than <paramref name="householdId"/>.</summary>
    public static async Task<IReadOnlySet<string>> ClaimedElsewhere(IQuerySession session, IEnumerable<string?> idNumbers, Guid householdId,
        CancellationToken ct) =>
        (await ClaimsElsewhere(session, idNumbers, householdId, ct)).Select(c => c.Id).ToHashSet();

    /// <summary>The claims themselves: which household and member holds each.</summary>
    public static async Task<IReadOnlyList<PersonIndexEntry>> ClaimsElsewhere(IQuerySession session, IEnumerable<string?> idNumbers, Guid householdId,
        CancellationToken ct)
    {
        var ids = idNumbers.OfType<string>().Select(i => i.Trim().ToUpperInvariant()).Where(i => i.Length > 0).Distinct().ToArray();
        if (ids.Length == 0) return [];
        var claims = await session.LoadManyAsync<PersonIndexEntry>(ct, ids);
        return claims.Where(c => c.HouseholdId != householdId).ToList();
    }
}
