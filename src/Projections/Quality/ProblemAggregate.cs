using Registry.Domain.Quality;

namespace Registry.Projections.Quality;

/// <summary>
/// The write side of a data problem, folded from its events (an opening and at most a resolution) at each fetch for
/// writing, apart from the <see cref="ProblemView"/> lists and cleaning runs read.
/// </summary>
public sealed record ProblemAggregate(Guid Id, long Version, Problem State, string? LastHash) : IWriteSide<Problem>
{
    string IChainHead.UnitCode => State.VillageCode;
}

public sealed class ProblemAggregateProjection : WriteSideFold<ProblemAggregate, Problem>
{
    public ProblemAggregateProjection() : base(Problem.Evolve, (id, version, state, hash) => new(id, version, state, hash))
    {
        IncludeType<ProblemOpened>();
        IncludeType<ProblemResolved>();
    }
}
