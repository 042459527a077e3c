using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Submissions;
using Registry.Projections.Submissions;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Submissions;

public sealed record ReviewSubmissionRequest(ReviewOutcome? Outcome, string? Note);

public sealed record ReviewResponse(Guid Id, long Version, SubmissionStatus Status);

/// <summary>报镇审核: the town office approves or returns a list that both village signers endorsed.</summary>
public static class ReviewSubmissionEndpoint
{
    public static void Before(IEventStream<SubmissionAggregate> submission, HttpContext http) =>
        StreamGuard.Check(submission, http, null, "submission.not-found", "No submission with this id.");

    [WolverinePost("/api/submissions/{id}/review", OperationId = "reviewSubmission", Summary = "Town review of a signed list (报镇审核)", Description = "The town approves or returns a list both signers have signed.")]
    [ProducesResponseType<ReviewResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(Guid id, ReviewSubmissionRequest request, [WriteAggregate(Required = false)] IEventStream<SubmissionAggregate> submission,
        ClaimsPrincipal user, TimeProvider clock)
    {
        var actor = Actor.From(user);
        var state = submission.Aggregate!.State;
        var events = ReviewSubmissionDecision.Decide(new ReviewSubmission(request.Outcome, request.Note, actor.Role, actor.UserId, actor.Name), state,
            clock.GetUtcNow());
        var version = submission.VersionAfter(events);
        return (WriteAnswer.Ok(new ReviewResponse(id, version, Submission.Evolve(state, events[0])!.Status), version, request.Note), [.. events]);
    }
}
