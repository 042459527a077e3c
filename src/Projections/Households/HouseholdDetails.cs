using System.Text.Json;
using System.Text.Json.Serialization;
using Marten.Schema;
using Registry.Domain.Households;

namespace Registry.Projections.Households;

/// <summary>
/// The household as its stream made it, the read model the roster, reports, exports and pages query: kept inline (written
/// from the new <see cref="HouseholdSnapshot"/> in the transaction that appends) so a client reads its own write. Commands
/// never load it. Top-level properties exist for roster queries.
/// </summary>
/// <remarks>
/// Its revision stays its stream's version (<c>[Version]</c>), numeric as when a projection of its own folded it, although it is
/// now stored from the snapshot.
/// </remarks>
public sealed record HouseholdDetails(Guid Id, [property: Version] long Version, Household State, string? LastHash)
{
    public static HouseholdDetails Of(HouseholdSnapshot snapshot) => new(snapshot.Id, snapshot.Version, snapshot.State, snapshot.LastHash);

    /// <summary>The snapshot this read model was made from: what a rebuild's fold of the read model steps from.</summary>
    public HouseholdSnapshot AsSnapshot() => new(Id, Version, State, LastHash);

    public string VillageCode => State.VillageCode;

    public HouseholdStatus Status => State.Status;

    public MonitoringKind Monitoring => State.Monitoring.Kind;

    public IReadOnlyList<RiskType> Risks => State.Monitoring.Risks;

    public string HeadName => State.FindHead()?.Facts.Name ?? "";

    /// <summary>The responsible cadre's name, for the roster's filter.</summary>
    public string? ResponsibleName => State.Responsible?.Name;

    public IReadOnlyList<string> MemberNames => State.Members.Select(m => m.Facts.Name).ToList();

    public IReadOnlyList<string> IdNumbers => State.Members.Select(m => m.Facts.IdNumber).ToList();

    /// <summary>
    /// The household's row of the roster, kept beside the document in a narrow column of its own: a page of the roster reads
    /// fifty of these instead of decompressing fifty whole households.
    /// </summary>
    [JsonIgnore]
    public string RosterLine => JsonSerializer.Serialize(Households.RosterLine.Of(this), Households.RosterLine.Json);

    /// <summary>The roster line's column, written with every revision of the document and, unlike a filter's column, not indexed.</summary>
    public static void ConfigureMarten(DocumentMapping mapping) => mapping.DuplicateField(nameof(RosterLine), "text");
}
