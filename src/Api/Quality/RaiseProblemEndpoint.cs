using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Quality;
using Registry.Projections.Households;
using Registry.Projections.Quality;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Quality;

public sealed record RaiseProblemRequest(Guid? HouseholdId, Guid? MemberId, ProblemSource? Source, string? Rule, string? Description);

public sealed record ProblemCreatedResponse(Guid Id, long Version);

/// <summary>A problem found by the census, an inspection, a check or a third-party evaluation.</summary>
public static class RaiseProblemEndpoint
{
    [WolverinePost("/api/problems", OperationId = "raiseProblem", Summary = "Raise a problem (登记问题数据)", Description = "Raises a problem found by the census, an inspection, a check or an evaluation against a household or member.")]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemCreatedResponse>(StatusCodes.Status201Created)]
    public static async Task<(WriteAnswer, IStartStream)> Post(RaiseProblemRequest request, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = Actor.From(user);
        actor.Require(Permission.RaiseProblem);
        var errors = new Errors();
        if (request.HouseholdId is null) errors.Add("householdId", "field.required", "householdId is required.");
        if (request.Source is null) errors.Add("source", "field.required", "source is required.");
        errors.ThrowIfAny();
        var household = actor.Visible(await session.LoadAsync<HouseholdDetails>(request.HouseholdId!.Value, ct),
            h => h.VillageCode, "household.not-found", "No household with this id.");
        var id = Guid.CreateVersion7();
        var events = RaiseProblemDecision.Decide(new RaiseProblem(id, request.MemberId, request.Source!.Value, request.Rule, request.Description),
            household.State, household.Version, clock.GetUtcNow(), QualityRules.Current);
        return (WriteAnswer.Created(new ProblemCreatedResponse(id, 1), 1, $"/api/problems/{id}"), MartenOps.StartStream<ProblemAggregate>(id, events));
    }
}
