using Registry.Domain.Submissions;

namespace Registry.Projections.Submissions;

/// <summary>A signed list as its queries read it; its commands decide on <see cref="SubmissionAggregate"/>.</summary>
public sealed record SubmissionView(Guid Id, long Version, Submission State)
{
    public string VillageCode => State.VillageCode;

    public int Year => State.Year;
}
