using Marten.Events.Aggregation;
using Registry.Domain.Households;
using Registry.Domain.Procedures;

namespace Registry.Projections.Campaigns;

/// <summary>Asynchronous: campaign progress is a report for offices, computed off the write path.</summary>
public sealed partial class CampaignActivityProjection : SingleStreamProjection<CampaignActivity, Guid>
{
    public static CampaignActivity Create(HouseholdRegistered e) => new(e.HouseholdId, e.VillageCode, false, [], [], []);

    public static CampaignActivity Create(HouseholdSplitFrom e) => new(e.HouseholdId, e.VillageCode, false, [], [], []);

    public CampaignActivity Apply(HouseholdVisited e, CampaignActivity a) => a.On(e.VisitedOn);

    public CampaignActivity Apply(MemberJoined e, CampaignActivity a) => a.On(e.EffectiveDate);

    public CampaignActivity Apply(MemberLeft e, CampaignActivity a) => a.On(e.EffectiveDate);

    public CampaignActivity Apply(MemberFactsChanged e, CampaignActivity a) => a.On(e.EffectiveDate);

    public CampaignActivity Apply(GuaranteeCertified e, CampaignActivity a) => a.On(e.CertifiedOn);

    public CampaignActivity Apply(RisksRecorded e, CampaignActivity a) => a.On(e.RecordedOn);

    public CampaignActivity Apply(AssistanceRecorded e, CampaignActivity a) => a.On(e.StartedOn);

    public CampaignActivity Apply(HouseholdCorrected e, CampaignActivity a) => a.On(e.CorrectedOn);

    public CampaignActivity Apply(IncomeAssessed e, CampaignActivity a) =>
        a.On(e.AssessedOn) is var visited && visited.IncomeYears.Contains(e.Year) ? visited : visited with { IncomeYears = [.. visited.IncomeYears, e.Year] };

    public CampaignActivity Apply(MonitoringIdentified e, CampaignActivity a) => a.Monitored(e.EffectiveDate);

    public CampaignActivity Apply(HouseholdRemoved e, CampaignActivity a) => a with { Removed = true };
}
