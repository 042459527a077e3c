using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Submissions;
using Registry.Projections.Submissions;
using Wolverine.Http;

namespace Registry.Api.Submissions;

public sealed record ReviewSubmissionRequest(ReviewOutcome? Outcome, string? Note);

public sealed record ReviewResponse(Guid Id, long Version, SubmissionStatus Status);

/// <summary>报镇审核: the town office approves or returns a list that both village signers endorsed.</summary>
public static class ReviewSubmissionEndpoint
{
    [WolverinePost("/api/submissions/{id}/review", OperationId = "reviewSubmission", Summary = "Town review of a signed list (报镇审核)", Description = "The town approves or returns a list both signers have signed.")]
    [ProducesResponseType<ReviewResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReviewSubmissionRequest request, HttpContext http, Writes writes) =>
        writes.Run(http, async (actor, now) =>
        {
            // The attempt's session: a write that met a concurrent change decides again in a fresh one.
            var session = writes.Session;
            var stream = id == Guid.Empty ? null : await session.Events.FetchForWriting<SubmissionView>(id, http.RequestAborted);
            var aggregate = actor.Visible(stream?.Aggregate, v => v.VillageCode, "submission.not-found", "No submission with this id.");
            var current = stream!.CurrentVersion ?? 0;
            var events = ReviewSubmissionDecision.Decide(new ReviewSubmission(request.Outcome, request.Note, actor.Role, actor.UserId, actor.Name),
                aggregate.State, now);
            stream.AppendMany(events);
            EventStamper.Stamp(session, id, aggregate.VillageCode, current, aggregate.LastHash, events.Length, actor, request.Note, http);
            var status = Submission.Evolve(aggregate.State, events[0])!.Status;
            return new WriteOutcome(StatusCodes.Status200OK, new ReviewResponse(id, current + events.Length, status), current + events.Length);
        }, retryOnConcurrentChange: true);
}
