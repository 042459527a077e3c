using JasperFx.Events;
using Marten.Events.Aggregation;
using Registry.Domain.Quality;

namespace Registry.Projections.Quality;

/// <summary>Inline: whoever raises or resolves a problem reads it back at once, and cleaning runs dedupe against it.</summary>
public sealed partial class ProblemViewProjection : SingleStreamProjection<ProblemView, Guid>
{
    public ProblemViewProjection()
    {
        IncludeType<ProblemOpened>();
        IncludeType<ProblemResolved>();
    }

    public override ProblemView? Evolve(ProblemView? snapshot, Guid id, IEvent e)
    {
        if (Problem.Evolve(snapshot?.State, e.Data) is not { } state) return snapshot;
        var actor = EventMetadata.Header(e, EventMetadata.UserId);
        return new ProblemView(id, e.Version, state,
            e.Data is ProblemOpened ? actor : snapshot?.OpenedBy,
            e.Data is ProblemResolved ? actor : snapshot?.ResolvedBy);
    }
}
