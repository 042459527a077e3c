using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Registry.Projections.Households;

/// <summary>
/// The read model's own fold, for a rebuild alone: while the registry runs, <see cref="HouseholdSnapshotProjection"/> writes
/// the read model from each new snapshot, and a rebuild (which raises no side effects) folds it here with the same step.
/// </summary>
public sealed partial class HouseholdDetailsProjection : SingleStreamProjection<HouseholdDetails, Guid>
{
    public HouseholdDetailsProjection()
    {
        foreach (var type in EventTypes.HouseholdEvents) IncludeType(type);
    }

    public override HouseholdDetails? Evolve(HouseholdDetails? details, Guid id, IEvent e) =>
        HouseholdSnapshotProjection.Next(details?.AsSnapshot(), id, e.Version, e.Data, EventMetadata.HashOf(e)) is { } next ? HouseholdDetails.Of(next) : details;
}
