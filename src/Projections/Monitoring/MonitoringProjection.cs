using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Projections.Procedures;

namespace Registry.Projections.Monitoring;

/// <summary>
/// Asynchronous: read by town and district offices for follow-up, never right after one's own write. Most events leave a
/// household's row as it was (a phone number, a member's schooling): a page whose events change nothing writes nothing.
/// </summary>
public sealed class MonitoringProjection : ChangedRowProjection<MonitoringRow>
{
    public MonitoringProjection()
    {
        IncludeType<HouseholdRegistered>();
        IncludeType<HouseholdSplitFrom>();
        IncludeType<HouseholdMergedInto>();
        IncludeType<MemberFactsChanged>();
        IncludeType<HeadChanged>();
        IncludeType<RisksRecorded>();
        IncludeType<AssistanceRecorded>();
        IncludeType<IncomeAssessed>();
        IncludeType<MonitoringIdentified>();
        IncludeType<RiskEliminated>();
        IncludeType<HouseholdIdentifiedAsPoor>();
        IncludeType<HouseholdExited>();
        IncludeType<HouseholdRemoved>();
        IncludeType<ProcedureStarted>();
        IncludeType<ProcedureStepRecorded>();
        IncludeType<ProcedureClosed>();
    }

    protected override MonitoringRow? Next(MonitoringRow? row, object e) => (row, e) switch
    {
        (null, HouseholdRegistered r) => New(r.HouseholdId, r.VillageCode, r.Status, r.Members),
        (null, HouseholdSplitFrom s) => New(s.HouseholdId, s.VillageCode, s.Status, s.Members),
        (null, _) => null,
        (_, HouseholdMergedInto) => row with { Status = HouseholdStatus.Merged },
        (_, MemberFactsChanged { Changes.Relation: Relation.Head } c) => row with { HeadMemberId = c.MemberId, HeadName = c.Changes.Name ?? row.HeadName },
        (_, MemberFactsChanged { Changes.Name: { } name } c) when c.MemberId == row.HeadMemberId => row with { HeadName = name },
        (_, HeadChanged h) => row with { HeadMemberId = h.HeadMemberId, HeadName = h.HeadName },
        (_, RisksRecorded r) => row with { Risks = r.Risks, Eliminated = false, LastAssessedOn = row.IsMonitored ? r.RecordedOn : row.LastAssessedOn },
        (_, AssistanceRecorded) => row with { AssistanceCount = row.AssistanceCount + 1 },
        (_, IncomeAssessed i) => row with
        {
            LatestPerCapita = i.PerCapita,
            // The monitoring line is compared with the disposable figure.
            LatestPerCapitaDisposable = i.PerCapitaDisposable ?? i.PerCapita,
            LastAssessedOn = row.IsMonitored ? i.AssessedOn : row.LastAssessedOn,
        },
        (_, MonitoringIdentified m) => row with
        {
            Kind = m.Kind, Risks = m.Risks, Eliminated = false, IdentifiedOn = m.EffectiveDate, EliminatedOn = null, LastAssessedOn = m.EffectiveDate,
        },
        (_, RiskEliminated r) => row with { Eliminated = true, EliminatedOn = r.EffectiveDate, LastAssessedOn = r.EffectiveDate },
        (_, HouseholdIdentifiedAsPoor) =>
            row with { Status = HouseholdStatus.Poor, Kind = MonitoringKind.None, Eliminated = false, IdentifiedOn = null, EliminatedOn = null },
        (_, HouseholdExited) => row with { Status = HouseholdStatus.Exited },
        (_, HouseholdRemoved) => row with { Status = HouseholdStatus.Removed },
        (_, ProcedureStarted p) => row with { Open = row.Open.With(p) },
        (_, ProcedureStepRecorded p) => row with { Open = row.Open.With(p) },
        (_, ProcedureClosed p) => row with { Open = row.Open.With(p) },
        _ => row,
    };

    private static MonitoringRow New(Guid id, string villageCode, HouseholdStatus status, IReadOnlyList<RegisteredMember> members)
    {
        var head = members.FirstOrDefault(m => m.Facts.Relation == Relation.Head);
        return new MonitoringRow(id, villageCode, status, head?.MemberId, head?.Facts.Name ?? "", MonitoringKind.None, [], false, 0, null, null, null, null);
    }
}
