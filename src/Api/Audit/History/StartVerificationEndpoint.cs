using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;
using Registry.Api.Infrastructure.Writing;

namespace Registry.Api.Audit.History;

public sealed record VerificationAccepted(Guid VerificationId);

public static class StartVerificationEndpoint
{
    [WolverinePost("/api/audit/verifications", OperationId = "startVerification", Summary = "Verify the whole store against the latest checkpoint (全库核验)", Description = "Starts checking every event of the store against the latest checkpoint in the background; answers 202 with the verification's id.")]
    [ProducesResponseType(typeof(VerificationAccepted), StatusCodes.Status202Accepted)]
    public static (WriteAnswer, RunVerification) Post(HttpContext http, IDocumentSession session, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.AnchorHistory);
        var id = Guid.CreateVersion7();
        session.Store(new VerificationRun(id, VerificationStatus.Pending, actor.UserId, actor.Org, clock.GetUtcNow(), null, 0, 0, 0, 0, null, [], 0, null, null));
        // Published through the outbox once the run is committed; a repeat with the request's Idempotency-Key answers this run.
        return (new WriteAnswer(StatusCodes.Status202Accepted, new VerificationAccepted(id), null, $"/api/audit/verifications/{id}"), new RunVerification(id));
    }
}
