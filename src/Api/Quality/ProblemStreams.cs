using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Quality;
using Registry.Projections.Quality;

namespace Registry.Api.Quality;

/// <summary>Each problem is a stream of its own, stamped and hash-chained like a household's.</summary>
public static class ProblemStreams
{
    public static void Open(IDocumentSession session, ProblemOpened opened, Actor actor, string correlationId, string? reason = null)
    {
        EventChain.Stamp(session, session.Events.StartStream<ProblemView>(opened.ProblemId, opened), head: null, actor, reason, correlationId);
    }

    public static void Resolve(IDocumentSession session, ProblemView view, ProblemResolved resolved, Actor actor, string correlationId)
    {
        EventChain.Stamp(session, session.Events.Append(view.Id, view.Version + 1, resolved), view, actor, resolved.Note, correlationId);
    }
}
