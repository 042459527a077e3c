using Registry.Domain.Policy;

namespace Registry.Projections.Policy;

/// <summary>
/// The lines one unit has set, with its stream's version; one per unit that set any. What decisions about
/// households and queries read; a new setting decides on <see cref="PolicyLinesAggregate"/>.
/// </summary>
public sealed record PolicyLinesView(Guid Id, long Version, UnitPolicyLines State)
{
    public string UnitCode => State.UnitCode;
}
