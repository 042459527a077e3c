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

public sealed record ForwardResponse(Guid Id, long Version, SubmissionStatus Status, string DistrictCode);

/// <summary>统一报区扶贫办: the town office sends a list it approved on to the district office for its comparison (比对).</summary>
public static class ForwardSubmissionEndpoint
{
    public static void Before(IEventStream<SubmissionAggregate> submission, HttpContext http) =>
        StreamGuard.Check(submission, http, null, "submission.not-found", "No submission with this id.");

    [WolverinePost("/api/submissions/{id}/forwarding", OperationId = "forwardSubmission", Summary = "Send an approved list on to the district (报区扶贫办比对)", Description = "The town office sends a list it approved on to the district office, which compares it with the departments' data; once per list.")]
    [ProducesResponseType<ForwardResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(Guid id, [WriteAggregate(Required = false)] IEventStream<SubmissionAggregate> submission,
        ClaimsPrincipal user, TimeProvider clock)
    {
        var actor = Actor.From(user);
        var state = submission.Aggregate!.State;
        var events = ForwardSubmissionDecision.Decide(new ForwardSubmission(actor.Role, actor.UserId, actor.Name), state, clock.GetUtcNow());
        var version = submission.VersionAfter(events);
        var forwarded = (SubmissionForwarded)events[0];
        return (WriteAnswer.Ok(new ForwardResponse(id, version, SubmissionStatus.Forwarded, forwarded.DistrictCode), version, null), [.. events]);
    }
}
