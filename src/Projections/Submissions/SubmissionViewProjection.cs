using JasperFx.Events;
using Marten.Events.Aggregation;
using Registry.Domain.Submissions;

namespace Registry.Projections.Submissions;

/// <summary>Inline: the proposer and the signers read the list right after writing it.</summary>
public sealed partial class SubmissionViewProjection : SingleStreamProjection<SubmissionView, Guid>
{
    public SubmissionViewProjection()
    {
        IncludeType<SubmissionProposed>();
        IncludeType<SubmissionSigned>();
        IncludeType<SubmissionSubmitted>();
        IncludeType<SubmissionReviewed>();
        IncludeType<SubmissionForwarded>();
    }

    public override SubmissionView? Evolve(SubmissionView? snapshot, Guid id, IEvent e) =>
        Submission.Evolve(snapshot?.State, e.Data) is { } state ? new SubmissionView(id, e.Version, state) : snapshot;
}
