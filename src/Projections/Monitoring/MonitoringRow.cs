using Registry.Domain.Households;

namespace Registry.Projections.Monitoring;

/// <summary>The risk-monitoring view (跟踪监测) of one household; not sealed, so an answer can extend it with what is read beside it.</summary>
public record MonitoringRow(
    Guid Id,
    string VillageCode,
    HouseholdStatus Status,
    Guid? HeadMemberId,
    string HeadName,
    MonitoringKind Kind,
    IReadOnlyList<RiskType> Risks,
    bool Eliminated,
    int AssistanceCount,
    DateOnly? IdentifiedOn,
    DateOnly? EliminatedOn,
    DateOnly? LastAssessedOn,
    decimal? LatestPerCapita,
    decimal? LatestPerCapitaDisposable = null)
{
    public bool IsMonitored => Kind != MonitoringKind.None;
}
