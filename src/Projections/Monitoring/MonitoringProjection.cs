using Marten.Events.Aggregation;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Projections.Procedures;

namespace Registry.Projections.Monitoring;

/// <summary>Asynchronous: read by town and district offices for follow-up, never right after one's own write.</summary>
public sealed partial class MonitoringProjection : SingleStreamProjection<MonitoringRow, Guid>
{
    public static MonitoringRow Create(HouseholdRegistered e) => New(e.HouseholdId, e.VillageCode, e.Status, e.Members);

    public static MonitoringRow Create(HouseholdSplitFrom e) => New(e.HouseholdId, e.VillageCode, e.Status, e.Members);

    private static MonitoringRow New(Guid id, string villageCode, HouseholdStatus status, IReadOnlyList<RegisteredMember> members)
    {
        var head = members.FirstOrDefault(m => m.Facts.Relation == Relation.Head);
        return new MonitoringRow(id, villageCode, status, head?.MemberId, head?.Facts.Name ?? "", MonitoringKind.None, [], false, 0, null, null, null, null);
    }

    public MonitoringRow Apply(HouseholdMergedInto e, MonitoringRow row) => row with { Status = HouseholdStatus.Merged };

    public MonitoringRow Apply(MemberFactsChanged e, MonitoringRow row) => e switch
    {
        { Changes.Relation: Relation.Head } => row with { HeadMemberId = e.MemberId, HeadName = e.Changes.Name ?? row.HeadName },
        { Changes.Name: { } name } when e.MemberId == row.HeadMemberId => row with { HeadName = name },
        _ => row,
    };

    public MonitoringRow Apply(HeadChanged e, MonitoringRow row) => row with { HeadMemberId = e.HeadMemberId, HeadName = e.HeadName };

    public MonitoringRow Apply(RisksRecorded e, MonitoringRow row) => row with
    {
        Risks = e.Risks,
        Eliminated = false,
        LastAssessedOn = row.IsMonitored ? e.RecordedOn : row.LastAssessedOn,
    };

    public MonitoringRow Apply(AssistanceRecorded e, MonitoringRow row) => row with { AssistanceCount = row.AssistanceCount + 1 };

    public MonitoringRow Apply(IncomeAssessed e, MonitoringRow row) => row with
    {
        LatestPerCapita = e.PerCapita,
        // The monitoring line is compared with the disposable figure.
        LatestPerCapitaDisposable = e.PerCapitaDisposable ?? e.PerCapita,
        LastAssessedOn = row.IsMonitored ? e.AssessedOn : row.LastAssessedOn,
    };

    public MonitoringRow Apply(MonitoringIdentified e, MonitoringRow row) => row with
    {
        Kind = e.Kind, Risks = e.Risks, Eliminated = false, IdentifiedOn = e.EffectiveDate, EliminatedOn = null, LastAssessedOn = e.EffectiveDate,
    };

    public MonitoringRow Apply(RiskEliminated e, MonitoringRow row) => row with { Eliminated = true, EliminatedOn = e.EffectiveDate, LastAssessedOn = e.EffectiveDate };

    public MonitoringRow Apply(HouseholdIdentifiedAsPoor e, MonitoringRow row) =>
        row with { Status = HouseholdStatus.Poor, Kind = MonitoringKind.None, Eliminated = false, IdentifiedOn = null, EliminatedOn = null };

    public MonitoringRow Apply(HouseholdExited e, MonitoringRow row) => row with { Status = HouseholdStatus.Exited };

    public MonitoringRow Apply(HouseholdRemoved e, MonitoringRow row) => row with { Status = HouseholdStatus.Removed };

    public MonitoringRow Apply(ProcedureStarted e, MonitoringRow row) => row with { Open = row.Open.With(e) };

    public MonitoringRow Apply(ProcedureStepRecorded e, MonitoringRow row) => row with { Open = row.Open.With(e) };

    public MonitoringRow Apply(ProcedureClosed e, MonitoringRow row) => row with { Open = row.Open.With(e) };
}
