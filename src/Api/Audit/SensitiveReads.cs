using Marten;
using Registry.Api.Infrastructure;

namespace Registry.Api.Audit;

/// <summary>One unmasked read of resident ID numbers: who saw whose, when, through which route.</summary>
public sealed record SensitiveRead(
    Guid Id,
    string ActorId,
    string ActorName,
    string Role,
    string Org,
    Guid HouseholdId,
    string VillageCode,
    IReadOnlyList<string> IdNumbers,
    string Purpose,
    string CorrelationId,
    DateTimeOffset ReadAt);

public sealed class SensitiveReads(IDocumentStore store, TimeProvider clock)
{
    public async Task Record(Actor actor, HttpContext http, Guid householdId, string villageCode, IEnumerable<string> idNumbers, string purpose)
    {
        await using var session = store.LightweightSession();
        session.Store(new SensitiveRead(Guid.CreateVersion7(), actor.UserId, actor.Name, actor.Role.ToString(), actor.Org, householdId, villageCode,
            idNumbers.ToList(), purpose, RequestContext.CorrelationId(http), clock.GetUtcNow()));
        await session.SaveChangesAsync(http.RequestAborted);
    }

    /// <summary>One read per household, all in one transaction, for reads that show many households at once (exports).</summary>
    public async Task RecordMany(Actor actor, HttpContext http, IEnumerable<(Guid HouseholdId, string VillageCode, IReadOnlyList<string> IdNumbers)> households,
        string purpose)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var correlation = RequestContext.CorrelationId(http);
        foreach (var (householdId, villageCode, idNumbers) in households)
            session.Store(new SensitiveRead(Guid.CreateVersion7(), actor.UserId, actor.Name, actor.Role.ToString(), actor.Org, householdId, villageCode,
                idNumbers, purpose, correlation, now));
        await session.SaveChangesAsync(http.RequestAborted);
    }
}
