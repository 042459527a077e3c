using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Projections.Quality;
using Wolverine.Http;

namespace Registry.Api.Quality;

public sealed record ResolveProblemRequest(ResolutionOutcome? Outcome, string? Note);

public sealed record ProblemResolvedResponse(Guid Id, long Version, ResolutionOutcome Outcome, long? LinkedHouseholdVersion, string? LinkedEventType);

/// <summary>Closes a problem as Corrected (linked to the fact update that fixed it) or ConfirmedCorrect (with a note).</summary>
public static class ResolveProblemEndpoint
{
    [WolverinePost("/api/problems/{id}/resolution", OperationId = "resolveProblem", Summary = "Resolve a problem (问题整改销号)", Description = "Closes a problem as corrected (a correction must have been recorded after it) or as confirmed correct.")]
    [ProducesResponseType<ProblemResolvedResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ResolveProblemRequest request, HttpContext http, Writes writes) =>
        writes.Run(http, async (actor, now) =>
        {
            // The attempt's session: a write that met a concurrent change decides again in a fresh one.
            var session = writes.Session;
            actor.Require(Permission.ResolveProblem);
            if (request.Outcome is null) throw DomainRefusal.Invalid("outcome", "field.required", "outcome is required.");
            var view = actor.Visible(await session.LoadAsync<ProblemView>(id, http.RequestAborted), p => p.VillageCode,
                "problem.not-found", "No problem with this id.");
            var later = await session.Events.FetchStreamAsync(view.HouseholdId, fromVersion: view.State.HouseholdVersion + 1, token: http.RequestAborted);
            var facts = later.Select(e => new FactRecorded(e.Version, e.EventTypeName, e.Data)).ToList();
            var resolved = (ProblemResolved)ResolveProblemDecision.Decide(new ResolveProblem(request.Outcome.Value, request.Note), view.State, facts, now)[0];
            ProblemStreams.Resolve(session, view, resolved, actor, RequestContext.CorrelationId(http));
            return new WriteOutcome(StatusCodes.Status200OK,
                new ProblemResolvedResponse(id, view.Version + 1, resolved.Outcome, resolved.LinkedHouseholdVersion, resolved.LinkedEventType), view.Version + 1);
        }, retryOnConcurrentChange: true);
}
