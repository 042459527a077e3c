using Registry.Domain.Submissions;

namespace Registry.Projections.Submissions;

/// <summary>
/// The write side of a signed list, folded from its few events at each fetch for writing, apart from the
/// <see cref="SubmissionView"/> its queries read.
/// </summary>
public sealed record SubmissionAggregate(Guid Id, long Version, Submission State, string? LastHash) : IWriteSide<Submission>
{
    string IChainHead.UnitCode => State.VillageCode;
}

public sealed class SubmissionAggregateProjection : WriteSideFold<SubmissionAggregate, Submission>
{
    public SubmissionAggregateProjection() : base(Submission.Evolve, (id, version, state, hash) => new(id, version, state, hash))
    {
        IncludeType<SubmissionProposed>();
        IncludeType<SubmissionSigned>();
        IncludeType<SubmissionSubmitted>();
        IncludeType<SubmissionReviewed>();
        IncludeType<SubmissionForwarded>();
    }
}
