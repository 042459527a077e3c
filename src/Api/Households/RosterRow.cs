using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;

namespace Registry.Api.Households;

/// <summary>A member on the roster: the ID number masked but for its last four characters, and the age, never the birth date.</summary>
public sealed record RosterMember(Guid MemberId, string Name, string IdNumber, Relation Relation, int? Age);

/// <summary>A household as one row of the roster.</summary>
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
    /// <summary>The row as the roster shows it on <paramref name="today"/>: ages are counted at reading, lines keep birth dates.</summary>
    public static RosterRow Of(RosterLine line, DateOnly today) =>
        new(line.Id, line.VillageCode, line.GroupName, line.Status, line.Marks, line.Monitoring, line.Risks, line.HeadName, line.MemberCount,
            line.Members.Select(m => new RosterMember(m.MemberId, m.Name, m.IdNumber, m.Relation,
                m.BirthDate is { } birth ? ResidentIdNumber.Age(birth, today) : null)).ToList(),
            line.Version);
}
