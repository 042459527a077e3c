using System.Text.Json.Serialization;
using Registry.Domain.Households;
using Registry.Projections.Procedures;

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

    /// <summary>The household's open procedures, so the view finds their overdue steps on its own rows.</summary>
    public IReadOnlyList<QueuedProcedure> Open { get; init; } = [];

    /// <summary>The earliest date a next step of an open procedure is due, compared with the day asked about when the view is read.</summary>
    [JsonIgnore]
    public DateOnly? StepsDueOn => Open.Select(p => p.DueOn).Min();

    /// <summary>The village code of a monitored household only: an index on it holds just the rows the view lists.</summary>
    [JsonIgnore]
    public string? MonitoredVillageCode => IsMonitored ? VillageCode : null;
}
