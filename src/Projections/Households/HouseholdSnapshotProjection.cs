using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Registry.Domain.Households;

namespace Registry.Projections.Households;

/// <summary>
/// Folds a household's events into its write-side snapshot and, in the same transaction, stores the read model made from the
/// new snapshot: the read model is written without being loaded, so a command still reads once and writes once.
/// </summary>
public sealed partial class HouseholdSnapshotProjection : SingleStreamProjection<HouseholdSnapshot, Guid>
{
    public HouseholdSnapshotProjection()
    {
        foreach (var type in EventTypes.HouseholdEvents) IncludeType(type);
    }

    public override HouseholdSnapshot? Evolve(HouseholdSnapshot? snapshot, Guid id, IEvent e) => Next(snapshot, id, e.Version, e.Data, EventMetadata.HashOf(e));

    /// <summary>The snapshot after one event, from the event's parts: what this projection, the bulk import and a verifier's fold all use.</summary>
    public static HouseholdSnapshot? Next(HouseholdSnapshot? snapshot, Guid id, long version, object data, string? hash)
    {
        var state = Household.Evolve(snapshot?.State, data);
        return state is null ? snapshot : new HouseholdSnapshot(id, version, state, hash ?? snapshot?.LastHash);
    }

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<HouseholdSnapshot> slice)
    {
        if (slice.Snapshot is { } snapshot) operations.Store(HouseholdDetails.Of(snapshot));
        return ValueTask.CompletedTask;
    }
}
