using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Common;
using Registry.Domain.Submissions;
using Registry.Projections.Submissions;
using Wolverine.Http;

namespace Registry.Api.Submissions;

public sealed record SignatureResponse(Guid Id, long Version, SubmissionStatus Status);

/// <summary>The village head or the first secretary endorses the list (签字背书); with both, it goes to the town.</summary>
public static class SignSubmissionEndpoint
{
    [WolverinePost("/api/submissions/{id}/signatures")]
    public static Task<IResult> Post(Guid id, HttpContext http, Writes writes, IDocumentSession session) =>
        writes.Run(http, async (actor, now) =>
        {
            var stream = id == Guid.Empty ? null : await session.Events.FetchForWriting<SubmissionView>(id, http.RequestAborted);
            if (stream?.Aggregate is null) throw DomainRefusal.NotFound("submission.not-found", "No submission with this id.");
            actor.RequireJurisdiction(stream.Aggregate.VillageCode);
            var current = stream.CurrentVersion ?? 0;
            var events = SignSubmissionDecision.Decide(new SignSubmission(actor.Role, actor.UserId, actor.Name, actor.Org), stream.Aggregate.State, now);
            stream.AppendMany(events);
            EventStamper.Stamp(session, id, stream.Aggregate.VillageCode, current, stream.Aggregate.LastHash, events.Length, actor, reason: null, http);
            var status = events.OfType<SubmissionSubmitted>().Any() ? SubmissionStatus.Submitted : stream.Aggregate.State.Status;
            return new WriteOutcome(StatusCodes.Status200OK, new SignatureResponse(id, current + events.Length, status), current + events.Length);
        });
}
