using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Common;
using Registry.Domain.Submissions;
using Registry.Projections.Submissions;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Submissions;

public sealed record SignatureResponse(Guid Id, long Version, SubmissionStatus Status);

/// <summary>The village head or the first secretary endorses the list (签字背书); with both, it goes to the town.</summary>
public static class SignSubmissionEndpoint
{
    public static void Before(IEventStream<SubmissionAggregate> submission, HttpContext http) =>
        StreamGuard.Check(submission, http, null, "submission.not-found", "No submission with this id.");

    [WolverinePost("/api/submissions/{id}/signatures", OperationId = "signSubmission", Summary = "Sign a list (签字确认)", Description = "The village head or the first secretary signs a list; the second signature submits it.")]
    [ProducesResponseType<SignatureResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(Guid id, [WriteAggregate(Required = false)] IEventStream<SubmissionAggregate> submission, ClaimsPrincipal user,
        TimeProvider clock)
    {
        var actor = Actor.From(user);
        var state = submission.Aggregate!.State;
        var events = SignSubmissionDecision.Decide(new SignSubmission(actor.Role, actor.UserId, actor.Name, actor.Org), state, clock.GetUtcNow());
        var status = events.OfType<SubmissionSubmitted>().Any() ? SubmissionStatus.Submitted : state.Status;
        var version = submission.VersionAfter(events);
        return (WriteAnswer.Ok(new SignatureResponse(id, version, status), version), [.. events]);
    }
}
