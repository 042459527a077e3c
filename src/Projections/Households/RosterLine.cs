using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Projections.Households;

/// <summary>A member as the roster's line keeps them: the ID number already masked, the birth date for the age shown at reading.</summary>
public sealed record RosterLineMember(Guid MemberId, string Name, string IdNumber, Relation Relation, DateOnly? BirthDate = null);

/// <summary>A household as one line of the roster, kept in a column of its document so a page reads short lines, not whole households.</summary>
public sealed record RosterLine(
    Guid Id,
    string VillageCode,
    string? GroupName,
    HouseholdStatus Status,
    IReadOnlyList<HouseholdMark> Marks,
    MonitoringKind Monitoring,
    IReadOnlyList<RiskType> Risks,
    string HeadName,
    int MemberCount,
    IReadOnlyList<RosterLineMember> Members,
    long Version)
{
    /// <summary>How a line is kept in its column: the names and enum spellings the document store reads it back with.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static RosterLine Of(HouseholdDetails household)
    {
        var state = household.State;
        return new RosterLine(household.Id, state.VillageCode, state.GroupName, state.Status, state.Marks, state.Monitoring.Kind, state.Monitoring.Risks,
            household.HeadName, state.Members.Count,
            state.Members.Select(m => new RosterLineMember(m.MemberId, m.Facts.Name, ResidentIdNumber.Mask(m.Facts.IdNumber), m.Facts.Relation,
                m.Facts.BirthDate ?? ResidentIdNumber.BirthDateOf(m.Facts.IdNumber))).ToList(),
            household.Version);
    }
}
