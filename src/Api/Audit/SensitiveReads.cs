using Registry.Api.Infrastructure;

namespace Registry.Api.Audit;

/// <summary>
/// One read that showed or sought resident ID numbers: who, when, through which route, and whose records (by household
/// and member id; the log itself never holds an ID number). A look-up that found nobody has no household.
/// </summary>
public sealed record SensitiveRead(
    Guid Id,
    string ActorId,
    string ActorName,
    string Role,
    string Org,
    Guid? HouseholdId,
    string Unit,
    IReadOnlyList<Guid> MemberIds,
    string Purpose,
    bool Found,
    string CorrelationId,
    DateTimeOffset ReadAt);

/// <summary>The household and members a read showed.</summary>
public sealed record ReadTarget(Guid HouseholdId, string VillageCode, IReadOnlyList<Guid> MemberIds)
{
    /// <summary>Every member a view of the household shows, former members included.</summary>
    public static ReadTarget Of(Registry.Domain.Households.Household h) =>
        new(h.Id, h.VillageCode, [.. h.Members.Select(m => m.MemberId), .. h.FormerMembers.Select(m => m.MemberId)]);
}

/// <summary>
/// The log is kept in the reader's district database, beside the records read. A reader is answered only once its record
/// is committed; records of concurrent reads share one commit (<see cref="ReadRecordCommits"/>).
/// </summary>
public sealed class SensitiveReads(ReadRecordCommits commits, Tenancy.Districts districts, TimeProvider clock)
{
    public Task Record(Actor actor, HttpContext http, ReadTarget target, string purpose) => RecordMany(actor, http, [target], purpose);

    /// <summary>A search or look-up that found no one is logged too, under the reader's own unit.</summary>
    public Task RecordMiss(Actor actor, HttpContext http, string purpose) =>
        commits.Commit(districts.TenantOf(actor), [Miss(actor, purpose, RequestContext.CorrelationId(http), clock.GetUtcNow())], http.RequestAborted);

    /// <summary>One read per household, all in one transaction, for reads that show many households at once.</summary>
    public Task RecordMany(Actor actor, HttpContext http, IEnumerable<ReadTarget> targets, string purpose) =>
        RecordMany(actor, RequestContext.CorrelationId(http), targets, purpose, http.RequestAborted);

    /// <summary>The same for work that runs outside a request, such as a background export, under the request's correlation id.</summary>
    public Task RecordMany(Actor actor, string correlation, IEnumerable<ReadTarget> targets, string purpose, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return commits.Commit(districts.TenantOf(actor), [.. targets.Select(t => Of(actor, t, purpose, correlation, now))], ct);
    }

    /// <summary>A look-up that found no one, under the reader's own unit.</summary>
    private static SensitiveRead Miss(Actor actor, string purpose, string correlation, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), actor.UserId, actor.Name, actor.Role.ToString(), actor.Org, null, actor.Org, [], purpose, false, correlation, at);

    /// <summary>One read that found its household, for a writer that stores it in a transaction of its own work.</summary>
    public static SensitiveRead Of(Actor actor, ReadTarget target, string purpose, string correlation, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), actor.UserId, actor.Name, actor.Role.ToString(), actor.Org, target.HouseholdId, target.VillageCode, target.MemberIds,
            purpose, true, correlation, at);
}
