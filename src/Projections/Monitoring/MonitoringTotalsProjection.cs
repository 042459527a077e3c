using JasperFx.Events;
using Marten;
using Registry.Domain.Households;
using Registry.Domain.Procedures;

namespace Registry.Projections.Monitoring;

/// <summary>
/// Asynchronous like the view it counts (<see cref="MonitoringProjection"/>), by the same rule: a household is in the view from
/// the identification that gives it a monitoring kind until it is identified as poor, under the kind it was last given.
/// </summary>
public sealed class MonitoringTotalsProjection()
    : UnitCountsProjection(MonitoringTotals.Name, MonitoringTotals.Table, typeof(MonitoringIdentified), typeof(HouseholdIdentifiedAsPoor))
{
    protected override async Task<IEnumerable<KeyValuePair<(string Village, string Kind), long>>> Differences(IDocumentOperations operations,
        IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var counted = (await operations.LoadManyAsync<MonitoredKind>(ct, events.Select(e => e.StreamId).Distinct()))
            .ToDictionary(k => k.Id);
        var differences = new Dictionary<(string Village, string Kind), long>();
        var changed = new HashSet<Guid>();
        foreach (var e in events)
        {
            var kind = e.Data is MonitoringIdentified identified ? identified.Kind : MonitoringKind.None;
            var village = EventMetadata.Header(e, EventMetadata.Unit) ?? "";
            // A household outside the view (kind None) counts nowhere.
            if (counted.TryGetValue(e.StreamId, out var before) && before.Kind != MonitoringKind.None)
                Add(differences, before.VillageCode, before.Kind.ToString(), -1);
            if (kind != MonitoringKind.None) Add(differences, village, kind.ToString(), 1);
            counted[e.StreamId] = new MonitoredKind(e.StreamId, village, kind);
            changed.Add(e.StreamId);
        }
        foreach (var id in changed) operations.Store(counted[id]);
        return differences;
    }
}
