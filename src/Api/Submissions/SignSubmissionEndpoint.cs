using Marten;
using Microsoft.AspNetCore.Mvc;
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
    [WolverinePost("/api/submissions/{id}/signatures", OperationId = "signSubmission", Summary = "Sign a list (签字确认)", Description = "The village head or the first secretary signs a list; the second signature submits it.")]
    [ProducesResponseType<SignatureResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, HttpContext http, Writes writes) =>
        writes.Run(http, async (actor, now) =>
        {
            // The attempt's session: a write that met a concurrent change decides again in a fresh one.
            var session = writes.Session;
            var stream = id == Guid.Empty ? null : await session.Events.FetchForWriting<SubmissionView>(id, http.RequestAborted);
            var aggregate = actor.Visible(stream?.Aggregate, v => v.VillageCode, "submission.not-found", "No submission with this id.");
            var current = stream!.CurrentVersion ?? 0;
            var events = SignSubmissionDecision.Decide(new SignSubmission(actor.Role, actor.UserId, actor.Name, actor.Org), aggregate.State, now);
            stream!.AppendMany(events);
            EventStamper.Stamp(session, id, aggregate.VillageCode, current, aggregate.LastHash, events.Length, actor, reason: null, http);
            var status = events.OfType<SubmissionSubmitted>().Any() ? SubmissionStatus.Submitted : aggregate.State.Status;
            return new WriteOutcome(StatusCodes.Status200OK, new SignatureResponse(id, current + events.Length, status), current + events.Length);
        }, retryOnConcurrentChange: true);
}
