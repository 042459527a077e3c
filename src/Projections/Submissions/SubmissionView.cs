using Registry.Domain.Submissions;

namespace Registry.Projections.Submissions;

public sealed record SubmissionView(Guid Id, long Version, Submission State, string? LastHash) : IChainHead
{
    string IChainHead.UnitCode => VillageCode;

    public string VillageCode => State.VillageCode;

    public int Year => State.Year;
}
