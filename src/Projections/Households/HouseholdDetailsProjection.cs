using JasperFx.Events;
using Marten.Events.Aggregation;
using Registry.Domain.Households;

namespace Registry.Projections.Households;

public sealed partial class HouseholdDetailsProjection : SingleStreamProjection<HouseholdDetails, Guid>
{
    public HouseholdDetailsProjection()
    {
        foreach (var type in EventTypes.HouseholdEvents) IncludeType(type);
    }

    public override HouseholdDetails? Evolve(HouseholdDetails? snapshot, Guid id, IEvent e) => Next(snapshot, id, e.Version, e.Data, EventMetadata.HashOf(e));

    /// <summary>The snapshot after one event, from the event's parts: what the projection and a verifier's own fold both use.</summary>
    public static HouseholdDetails? Next(HouseholdDetails? snapshot, Guid id, long version, object data, string? hash)
    {
        var state = Household.Evolve(snapshot?.State, data);
        return state is null ? snapshot : new HouseholdDetails(id, version, state, hash ?? snapshot?.LastHash);
    }
}
