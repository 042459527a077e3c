using JasperFx.Events;
using Marten.Events.Aggregation;
using Registry.Domain.Policy;

namespace Registry.Projections.Policy;

/// <summary>Inline: every decision of the next request must use the lines just set.</summary>
public sealed partial class PolicyLinesViewProjection : SingleStreamProjection<PolicyLinesView, Guid>
{
    public PolicyLinesViewProjection()
    {
        IncludeType<PolicyLineSet>();
    }

    public override PolicyLinesView? Evolve(PolicyLinesView? snapshot, Guid id, IEvent e) =>
        UnitPolicyLines.Evolve(snapshot?.State, e.Data) is { } state ? new PolicyLinesView(id, e.Version, state) : snapshot;
}
