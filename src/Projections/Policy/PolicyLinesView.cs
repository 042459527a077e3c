using Registry.Domain.Policy;

namespace Registry.Projections.Policy;

/// <summary>The lines one unit has set, with its stream's version and chain head; one per unit that set any.</summary>
public sealed record PolicyLinesView(Guid Id, long Version, UnitPolicyLines State, string? LastHash) : IChainHead
{
    public string UnitCode => State.UnitCode;
}
