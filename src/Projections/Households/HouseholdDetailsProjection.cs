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

    public override HouseholdDetails? Evolve(HouseholdDetails? snapshot, Guid id, IEvent e)
    {
        var state = Household.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new HouseholdDetails(id, e.Version, state, EventMetadata.HashOf(e) ?? snapshot?.LastHash);
    }
}
