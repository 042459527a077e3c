using Registry.Domain.Policy;

namespace Registry.Projections.Policy;

/// <summary>
/// The write side of one unit's policy lines, folded from its settings (one per year set) at each fetch for writing, apart
/// from the <see cref="PolicyLinesView"/> that decisions about households and queries read.
/// </summary>
public sealed record PolicyLinesAggregate(Guid Id, long Version, UnitPolicyLines State, string? LastHash) : IWriteSide<UnitPolicyLines>
{
    string IChainHead.UnitCode => State.UnitCode;
}

public sealed class PolicyLinesAggregateProjection : WriteSideFold<PolicyLinesAggregate, UnitPolicyLines>
{
    public PolicyLinesAggregateProjection() : base(UnitPolicyLines.Evolve, (id, version, state, hash) => new(id, version, state, hash)) =>
        IncludeType<PolicyLineSet>();
}
