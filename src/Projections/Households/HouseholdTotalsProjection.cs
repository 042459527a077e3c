using JasperFx.Events;
using Marten;
using Registry.Domain.Households;

namespace Registry.Projections.Households;

/// <summary>
/// Inline, in the transaction that opens a household's stream: the roster's total is right the moment its rows are. It reads
/// only the events that open a household's stream.
/// </summary>
public sealed class HouseholdTotalsProjection() : UnitCountsProjection(HouseholdTotals.Name, HouseholdTotals.Table, typeof(HouseholdRegistered), typeof(HouseholdSplitFrom))
{
    protected override Task<IEnumerable<KeyValuePair<(string Village, string Kind), long>>> Differences(IDocumentOperations operations,
        IReadOnlyList<IEvent> events, CancellationToken ct) =>
        Task.FromResult(HouseholdTotals.PerVillage(events.Select(e => Household.VillageOpenedIn(e.Data)).OfType<string>()));
}
