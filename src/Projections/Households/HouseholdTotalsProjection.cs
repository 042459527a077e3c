using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Marten;
using Registry.Domain.Households;

namespace Registry.Projections.Households;

/// <summary>
/// Inline, in the transaction that opens a household's stream: the roster's total is right the moment its rows are. It reads
/// only the events that open a household's stream.
/// </summary>
public sealed class HouseholdTotalsProjection : ProjectionBase, IProjection
{
    public HouseholdTotalsProjection()
    {
        Name = HouseholdTotals.Name;
        IncludeType<HouseholdRegistered>();
        IncludeType<HouseholdSplitFrom>();
    }

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        HouseholdTotals.Table.Add(operations, HouseholdTotals.PerVillage(events.Select(e => Household.VillageOpenedIn(e.Data)).OfType<string>()));
        return Task.CompletedTask;
    }
}
