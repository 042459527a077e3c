using Registry.Domain.Org;

namespace Registry.Projections.Org;

/// <summary>The write side of one unit's stream, folded from its events at each fetch for writing.</summary>
public sealed record OrgUnitAggregate(Guid Id, long Version, OrgUnitState State, string? LastHash) : IWriteSide<OrgUnitState>
{
    /// <summary>A unit's own office answers for its registration.</summary>
    string IChainHead.UnitCode => State.Code;
}

public sealed class OrgUnitAggregateProjection : WriteSideFold<OrgUnitAggregate, OrgUnitState>
{
    public OrgUnitAggregateProjection() : base(OrgUnitState.Evolve, (id, version, state, hash) => new(id, version, state, hash))
    {
        IncludeType<OrgUnitRegistered>();
        IncludeType<OrgUnitCarriedOver>();
    }
}
