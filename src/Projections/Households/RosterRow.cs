using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Projections.Households;

public sealed record RosterMember(Guid MemberId, string Name, string IdNumber, Relation Relation);

/// <summary>A household as one row of the roster, its members' ID numbers masked but for the last four characters.</summary>
public sealed record RosterRow(
    Guid Id,
    string VillageCode,
    string? GroupName,
    HouseholdStatus Status,
    IReadOnlyList<HouseholdMark> Marks,
    MonitoringKind Monitoring,
    IReadOnlyList<RiskType> Risks,
    string HeadName,
    int MemberCount,
    IReadOnlyList<RosterMember> Members,
    long Version)
{
    /// <summary>How a row is kept in its column: the names and enum spellings the document store reads it back with.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static RosterRow Of(HouseholdDetails household)
    {
        var state = household.State;
        return new RosterRow(household.Id, state.VillageCode, state.GroupName, state.Status, state.Marks, state.Monitoring.Kind, state.Monitoring.Risks,
            household.HeadName, state.Members.Count,
            state.Members.Select(m => new RosterMember(m.MemberId, m.Facts.Name, ResidentIdNumber.Mask(m.Facts.IdNumber), m.Facts.Relation)).ToList(),
            household.Version);
    }
}
