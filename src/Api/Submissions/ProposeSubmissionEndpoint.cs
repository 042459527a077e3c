using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Submissions;
using Registry.Projections.Households;
using Registry.Projections.Submissions;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Submissions;

public sealed record ProposeSubmissionRequest(string? VillageCode, int? Year, ListKind? List, IReadOnlyList<Guid>? HouseholdIds);

public sealed record SubmissionCreatedResponse(Guid Id, long Version);

/// <summary>Freezes a village's list for a year: each household with its version at this moment, awaiting signatures.</summary>
public static class ProposeSubmissionEndpoint
{
    [WolverinePost("/api/submissions", OperationId = "proposeSubmission", Summary = "Propose a list for signature (拟上报名单)", Description = "Freezes a list of households of a village for the year to be signed by the village head and the first secretary.")]
    [ProducesResponseType<SubmissionCreatedResponse>(StatusCodes.Status201Created)]
    public static async Task<(WriteAnswer, IStartStream)> Post(ProposeSubmissionRequest request, ClaimsPrincipal user, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Errors();
        if (!OrgCode.IsWellFormed(request.VillageCode)) errors.Add("villageCode", "org.code.format", "villageCode is a 12-digit division code.");
        if (request.Year is null) errors.Add("year", "field.required", "year is required.");
        if (request.List is null) errors.Add("list", "field.required", "list is required.");
        errors.ThrowIfAny();
        var actor = Actor.From(user);
        actor.Require(Permission.ProposeSubmission, request.VillageCode!);
        var ids = request.HouseholdIds ?? [];
        // A household outside the caller's unit is unknown to them, as on every other route.
        var found = (await session.LoadManyAsync<HouseholdDetails>(ct, ids.Distinct().Take(ProposeSubmissionDecision.MaxHouseholds + 1)))
            .Where(h => actor.Covers(h.VillageCode))
            .ToDictionary(h => h.Id, h => new HouseholdAtProposal(h.Id, h.VillageCode, h.Version, h.HeadName));
        var id = Guid.CreateVersion7();
        var events = ProposeSubmissionDecision.Decide(new ProposeSubmission(id, request.VillageCode!, request.Year!.Value, request.List!.Value, ids),
            clock.GetUtcNow(), found);
        return (WriteAnswer.Created(new SubmissionCreatedResponse(id, events.Length), events.Length, $"/api/submissions/{id}"),
            MartenOps.StartStream<SubmissionAggregate>(id, events));
    }
}
