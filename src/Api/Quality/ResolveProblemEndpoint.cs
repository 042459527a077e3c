using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Projections.Quality;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Quality;

public sealed record ResolveProblemRequest(ResolutionOutcome? Outcome, string? Note);

public sealed record ProblemResolvedResponse(Guid Id, long Version, ResolutionOutcome Outcome, long? LinkedHouseholdVersion, string? LinkedEventType);

/// <summary>Closes a problem as Corrected (linked to the fact update that fixed it) or ConfirmedCorrect (with a note).</summary>
public static class ResolveProblemEndpoint
{
    public static void Before(IEventStream<ProblemAggregate> problem, HttpContext http) =>
        StreamGuard.Check(problem, http, Permission.ResolveProblem, "problem.not-found", "No problem with this id.");

    [WolverinePost("/api/problems/{id}/resolution", OperationId = "resolveProblem", Summary = "Resolve a problem (问题整改销号)", Description = "Closes a problem as corrected (a correction must have been recorded after it) or as confirmed correct.")]
    [ProducesResponseType<ProblemResolvedResponse>(StatusCodes.Status200OK)]
    public static async Task<(WriteAnswer, Events)> Post(Guid id, ResolveProblemRequest request, [WriteAggregate(Required = false)] IEventStream<ProblemAggregate> problem,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (request.Outcome is null) throw DomainRefusal.Invalid("outcome", "field.required", "outcome is required.");
        var current = problem.Aggregate!;
        var later = await session.Events.FetchStreamAsync(current.State.HouseholdId, fromVersion: current.State.HouseholdVersion + 1, token: ct);
        var facts = later.Select(e => new FactRecorded(e.Version, e.EventTypeName, e.Data)).ToList();
        var events = ResolveProblemDecision.Decide(new ResolveProblem(request.Outcome.Value, request.Note), current.State, facts, clock.GetUtcNow());
        var resolved = (ProblemResolved)events[0];
        var version = current.Version + events.Length;
        return (WriteAnswer.Ok(new ProblemResolvedResponse(id, version, resolved.Outcome, resolved.LinkedHouseholdVersion, resolved.LinkedEventType), version,
            resolved.Note), [.. events]);
    }
}
