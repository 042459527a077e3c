using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;
using Wolverine;

namespace Registry.Api.Audit.History;

public sealed record VerificationAccepted(Guid VerificationId);

public static class StartVerificationEndpoint
{
    [WolverinePost("/api/audit/verifications", OperationId = "startVerification", Summary = "Verify the whole store against the latest checkpoint (全库核验)", Description = "Starts checking every event of the store against the latest checkpoint in the background; answers 202 with the verification's id.")]
    [ProducesResponseType(typeof(VerificationAccepted), StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.AnchorHistory);
        var id = Guid.CreateVersion7();
        session.Store(new VerificationRun(id, VerificationStatus.Pending, actor.UserId, actor.Org, clock.GetUtcNow(), null, 0, 0, 0, 0, null, [], 0, null, null));
        await session.SaveChangesAsync(http.RequestAborted);
        await bus.PublishAsync(new RunVerification(id));
        return Results.Accepted($"/api/audit/verifications/{id}", new VerificationAccepted(id));
    }
}
