using JasperFx.Events;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Projections.Households;

namespace Registry.Api.Households;

public sealed record VersionResponse(Guid Id, long Version);

/// <summary>The checks every write to a household's stream makes before deciding, and the answer it gives after.</summary>
public static class HouseholdStreams
{
    public static HouseholdSnapshot Guard(IEventStream<HouseholdSnapshot> household, HttpContext http, Permission permission) =>
        StreamGuard.Check(household, http, permission, "household.not-found", "No household with this id.");

    /// <summary>
    /// The answer and the events to append: by default the household's id and new version; the reason is stored beside each event.
    /// </summary>
    public static (WriteAnswer, Wolverine.Marten.Events) Answer(IEventStream<HouseholdSnapshot> household, object[] events, string? reason = null,
        Func<long, object>? body = null, int status = StatusCodes.Status200OK, string? location = null)
    {
        var version = household.VersionAfter(events);
        return (new WriteAnswer(status, body?.Invoke(version) ?? new VersionResponse(household.Id, version), version, location, reason), [.. events]);
    }
}
