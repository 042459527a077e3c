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
        EventChain.Stamp(session, session.Events.StartStream<ProblemAggregate>(opened.ProblemId, opened), head: null, actor, reason, correlationId);
    }

    /// <summary>
    /// Resolves a problem a list showed at <paramref name="listedAt"/>: its write side is fetched here and must still be at
    /// that version, so a problem resolved since fails the run's batch rather than being resolved twice.
    /// </summary>
    public static async Task Resolve(IDocumentSession session, Guid problemId, long listedAt, ProblemResolved resolved, Actor actor, string correlationId,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ProblemAggregate>(problemId, listedAt, ct);
        stream.AppendOne(resolved);
        EventChain.Stamp(session, problemId, stream.Aggregate, actor, resolved.Note, correlationId);
    }
}
