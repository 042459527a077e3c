using Registry.Domain.Households;

namespace Registry.Projections.Monitoring;

/// <summary>The kind a household was last counted under in <see cref="MonitoringTotals"/>: a later identification moves it.</summary>
public sealed record MonitoredKind(Guid Id, string VillageCode, MonitoringKind Kind);
