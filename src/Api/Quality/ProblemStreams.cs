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
    /// Resolves problems a list showed, each at the version it showed: their write sides are folded in one batched read for
    /// their chain heads, and each resolution is appended expecting the listed version, so a problem resolved since fails the
    /// commit rather than being resolved twice.
    /// </summary>
    public static async Task ResolveListed(IDocumentSession session, IReadOnlyList<(Guid Id, long ListedAt, ProblemResolved Resolved)> problems, Actor actor,
        string correlationId, CancellationToken ct)
    {
        if (problems.Count == 0) return;
        var batch = session.CreateBatchQuery();
        var heads = problems.Select(p => batch.Events.FetchLatest<ProblemAggregate>(p.Id)).ToList();
        await batch.Execute(ct);
        for (var i = 0; i < problems.Count; i++)
        {
            var (id, listedAt, resolved) = problems[i];
            EventChain.Stamp(session, session.Events.Append(id, listedAt + 1, resolved), await heads[i], actor, resolved.Note, correlationId);
        }
    }
}
