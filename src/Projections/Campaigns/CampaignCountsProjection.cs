using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Marten;
using Registry.Domain.Campaigns;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using static Registry.Projections.Campaigns.CampaignCounts;
using Measure = Registry.Projections.Campaigns.CampaignCounts.Measure;

namespace Registry.Projections.Campaigns;

/// <summary>
/// Asynchronous: campaign progress is a report for offices, counted off the write path. A page of events becomes one
/// statement that keeps each household's earliest mark and moves its village's count from the date it replaces to the new
/// one, so the counts hold however the daemon pages and commits; a removal takes the household out of every count.
/// </summary>
public sealed class CampaignCountsProjection : ProjectionBase, IProjection
{
    private sealed record Mark(Guid Household, string Measure, int Year, DateOnly On, string? Village);

    public CampaignCountsProjection()
    {
        Name = CampaignCounts.Name;
        foreach (var type in new[]
                 {
                     typeof(HouseholdRegistered), typeof(HouseholdSplitFrom), typeof(HouseholdVisited), typeof(MemberJoined), typeof(MemberLeft),
                     typeof(MemberFactsChanged), typeof(GuaranteeCertified), typeof(RisksRecorded), typeof(AssistanceRecorded),
                     typeof(HouseholdCorrected), typeof(IncomeAssessed), typeof(MonitoringIdentified), typeof(HouseholdRemoved),
                 })
            IncludeType(type);
    }

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.Events.DatabaseSchemaName;
        // A household removed in this page leaves the counts with everything it was marked by, earlier or in this page.
        var removed = events.Where(e => e.Data is HouseholdRemoved).Select(e => e.StreamId).ToHashSet();
        var villages = events.Select(e => (e.StreamId, Village: Household.VillageOpenedIn(e.Data))).Where(v => v.Village is not null)
            .ToDictionary(v => v.StreamId, v => v.Village);
        var marks = events.Where(e => !removed.Contains(e.StreamId)).SelectMany(MarksOf)
            .GroupBy(m => (m.Household, m.Measure, m.Year))
            .Select(g => g.MinBy(m => m.On)! with { Village = villages.GetValueOrDefault(g.Key.Household) })
            .ToList();
        if (marks.Count > 0)
            operations.QueueSqlCommand(MarkSql(schema), marks.Select(m => m.Household).ToArray(), marks.Select(m => m.Measure).ToArray(),
                marks.Select(m => m.Year).ToArray(), marks.Select(m => m.On).ToArray(), marks.Select(m => m.Village).ToArray());
        if (removed.Count > 0) operations.QueueSqlCommand(RemoveSql(schema), removed.ToArray());
        return Task.CompletedTask;
    }

    private static IEnumerable<Mark> MarksOf(IEvent e) => e.Data switch
    {
        HouseholdRegistered r => [new(e.StreamId, Measure.Household, 0, r.RegisteredOn, r.VillageCode)],
        HouseholdSplitFrom s => [new(e.StreamId, Measure.Household, 0, s.EffectiveDate, s.VillageCode)],
        IncomeAssessed i => VisitedOn(e.StreamId, i.AssessedOn).Append(new(e.StreamId, Measure.IncomeAssessed, i.Year, i.AssessedOn, null)),
        MonitoringIdentified m => [new(e.StreamId, Measure.MonitoringIdentified, m.EffectiveDate.Year, m.EffectiveDate, null)],
        HouseholdVisited v => VisitedOn(e.StreamId, v.VisitedOn),
        // A birth's date is the newborn's birth date: counted on the day it was recorded, so that the visited count read day
        // by day (?asOf=) cannot tell it.
        MemberJoined { Reason: IncreaseReason.Birth } => VisitedOn(e.StreamId, Domain.Common.RegistryCalendar.Today(e.Timestamp)),
        MemberJoined j => VisitedOn(e.StreamId, j.EffectiveDate),
        MemberLeft l => VisitedOn(e.StreamId, l.EffectiveDate),
        MemberFactsChanged c => VisitedOn(e.StreamId, c.EffectiveDate),
        GuaranteeCertified g => VisitedOn(e.StreamId, g.CertifiedOn),
        RisksRecorded r => VisitedOn(e.StreamId, r.RecordedOn),
        AssistanceRecorded a => VisitedOn(e.StreamId, a.StartedOn),
        HouseholdCorrected c => VisitedOn(e.StreamId, c.CorrectedOn),
        _ => [],
    };

    /// <summary>Activity on a day counts as a visit for every campaign whose visiting phase holds that day.</summary>
    private static IEnumerable<Mark> VisitedOn(Guid household, DateOnly date) =>
        CampaignCatalog.VisitingOn(date).Select(c => new Mark(household, Measure.Visited, c.Year, date, null));

    // The marks' earlier rows are read in the statement's snapshot, so the count moves from exactly the date a mark replaces.
    private static string MarkSql(string schema) => $"""
        with page(household_id, measure, year, on_date, village_code) as (
          select * from unnest(?::uuid[], ?::varchar[], ?::integer[], ?::date[], ?::varchar[])),
        placed as (
          select p.household_id, p.measure, p.year, p.on_date, coalesce(p.village_code, h.village_code) as village_code
          from page p left join {schema}.{Marks} h on h.household_id = p.household_id and h.measure = '{Measure.Household}' and h.year = 0
          where not exists (select 1 from {schema}.{Marks} r where r.household_id = p.household_id and r.measure = '{Measure.Removed}')),
        earlier as (
          select m.household_id, m.measure, m.year, m.on_date from {schema}.{Marks} m
          join placed p on p.household_id = m.household_id and p.measure = m.measure and p.year = m.year),
        kept as (
          insert into {schema}.{Marks} (household_id, measure, year, on_date, village_code)
          select household_id, measure, year, on_date, village_code from placed where village_code is not null
          on conflict (household_id, measure, year) do update set on_date = excluded.on_date where excluded.on_date < {schema}.{Marks}.on_date
          returning household_id, measure, year, on_date, village_code),
        moved as (
          select village_code, measure, year, on_date, 1 as n from kept
          union all
          select k.village_code, e.measure, e.year, e.on_date, -1 from kept k
          join earlier e on e.household_id = k.household_id and e.measure = k.measure and e.year = k.year)
        insert into {schema}.{Totals} (village_code, measure, year, on_date, n)
        select village_code, measure, year, on_date, sum(n) from moved group by village_code, measure, year, on_date
        on conflict (village_code, measure, year, on_date) do update set n = {schema}.{Totals}.n + excluded.n
        """;

    private static string RemoveSql(string schema) => $"""
        with ids(household_id) as (select * from unnest(?::uuid[])),
        gone as (
          delete from {schema}.{Marks} m using ids where m.household_id = ids.household_id and m.measure <> '{Measure.Removed}'
          returning m.village_code, m.measure, m.year, m.on_date),
        counted as (
          insert into {schema}.{Totals} (village_code, measure, year, on_date, n)
          select village_code, measure, year, on_date, -count(*) from gone group by village_code, measure, year, on_date
          on conflict (village_code, measure, year, on_date) do update set n = {schema}.{Totals}.n + excluded.n)
        insert into {schema}.{Marks} (household_id, measure, year, on_date, village_code)
        select household_id, '{Measure.Removed}', 0, date '0001-01-01', '' from ids
        on conflict do nothing
        """;
}
