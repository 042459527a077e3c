using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Audit;
using Registry.Api.Bulk;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;
using Registry.Projections.Statistics;

namespace Registry.Api.Reports;

/// <summary>A person added to or removed from a household (附件2, 附件3), as the household shows the person now.</summary>
public sealed record PersonListRow(
    Guid HouseholdId,
    Guid MemberId,
    string Name,
    string IdNumber,
    Relation Relation,
    string VillageCode,
    string VillageName,
    string? GroupName,
    string HeadName,
    string Reason,
    string ReasonLabel,
    /// <summary>The day of the change; none in a masked report for a birth, since that day is the birth date.</summary>
    DateOnly? EffectiveDate);

/// <summary>The natural increases or decreases of the year in a unit, one row per person.</summary>
public static class PersonReport
{
    public static readonly IReadOnlyList<string> Headers = ["姓名", "身份证号", "与户主关系", "村", "户主姓名", "变动原因", "变动日期"];

    public static async Task<ReportRows<PersonListRow>> Build(MemberChangeKind kind, ReportScope scope, IQuerySession session, CancellationToken ct)
    {
        var changes = await session.Query<MemberChange>()
            .InUnit(c => c.VillageCode, scope.Prefix).Where(c => c.Kind == kind && c.Year == scope.Year).ToListAsync(ct);
        var households = (await session.LoadManyAsync<HouseholdDetails>(ct, changes.Select(c => c.HouseholdId).Distinct()))
            .ToDictionary(h => h.Id, h => h.State);
        var rows = changes.Where(c => households.ContainsKey(c.HouseholdId))
            .Select(c => Row(c, households[c.HouseholdId], scope)).OfType<PersonListRow>()
            .OrderBy(r => r.VillageCode).ThenBy(r => r.EffectiveDate).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var read = rows.GroupBy(r => (r.HouseholdId, r.VillageCode)).Select(g => new ReadTarget(g.Key.HouseholdId, g.Key.VillageCode,
            g.Select(r => r.MemberId).ToList())).ToList();
        return new ReportRows<PersonListRow>(rows, Headers, Cells, read);
    }

    private static PersonListRow? Row(MemberChange change, Household household, ReportScope scope)
    {
        var facts = household.FindMember(change.MemberId)?.Facts ?? household.FormerMembers.FirstOrDefault(m => m.MemberId == change.MemberId)?.Facts;
        if (facts is null) return null;
        var (reason, label) = change.AddedFor is { } added ? (added.ToString(), EnumLabels.Label(added))
            : change.RemovedFor is { } removed ? (removed.ToString(), EnumLabels.Label(removed)) : ("", "");
        return new PersonListRow(change.HouseholdId, change.MemberId, facts.Name, scope.Unmasked ? facts.IdNumber : ResidentIdNumber.Mask(facts.IdNumber),
            facts.Relation, change.VillageCode, scope.VillageName(change.VillageCode), household.GroupName, household.FindHead()?.Facts.Name ?? "", reason,
            label, scope.Unmasked || change.AddedFor != IncreaseReason.Birth ? change.EffectiveDate : null);
    }

    private static IReadOnlyList<string?> Cells(PersonListRow r) =>
        [r.Name, r.IdNumber, EnumLabels.Label(r.Relation), r.VillageName, r.HeadName, r.ReasonLabel, ReportCells.Date(r.EffectiveDate)];
}
