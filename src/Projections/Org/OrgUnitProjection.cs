using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Org;

namespace Registry.Projections.Org;

/// <summary>
/// Inline: the next request may place a household or set lines in the unit just registered. Keyed by the unit's code, not
/// its stream's id. A rebuild clears the units and stores them again from their streams, so the API's <c>rebuild</c> first
/// carries units kept as documents alone (a database from before units had streams) into streams, as start-up does.
/// </summary>
public sealed partial class OrgUnitProjection : EventProjection
{
    public OrgUnitProjection()
    {
        IncludeType<OrgUnitRegistered>();
        IncludeType<OrgUnitCarriedOver>();
        RegisterPublishedType(typeof(OrgUnit));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (Document(e) is { } unit) operations.Store(unit);
        return ValueTask.CompletedTask;
    }

    private static OrgUnit? Document(IEvent e) => e.Data switch
    {
        OrgUnitRegistered r => OrgUnit.Registered(r, EventMetadata.Header(e, EventMetadata.UserId) ?? ""),
        OrgUnitCarriedOver c => new OrgUnit(c.Code, c.Name, c.Kind, c.ParentCode, c.IsPoorVillage, c.RegisteredBy, c.RegisteredAt),
        _ => null,
    };
}
