using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Submissions;
using Registry.Projections.Households;
using Registry.Projections.Submissions;
using Wolverine.Http;

namespace Registry.Api.Submissions;

public sealed record ProposeSubmissionRequest(string? VillageCode, int? Year, ListKind? List, IReadOnlyList<Guid>? HouseholdIds);

public sealed record SubmissionCreatedResponse(Guid Id, long Version);

/// <summary>Freezes a village's list for a year: each household with its version at this moment, awaiting signatures.</summary>
public static class ProposeSubmissionEndpoint
{
    [WolverinePost("/api/submissions", OperationId = "proposeSubmission", Summary = "Propose a list for signature (拟上报名单)", Description = "Freezes a list of households of a village for the year to be signed by the village head and the first secretary.")]
    [ProducesResponseType<SubmissionCreatedResponse>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(ProposeSubmissionRequest request, HttpContext http, Writes writes, IDocumentSession session) =>
        writes.Run(http, async (actor, now) =>
        {
            var errors = new Errors();
            if (!OrgCode.IsWellFormed(request.VillageCode)) errors.Add("villageCode", "org.code.format", "villageCode is a 12-digit division code.");
            if (request.Year is null) errors.Add("year", "field.required", "year is required.");
            if (request.List is null) errors.Add("list", "field.required", "list is required.");
            errors.ThrowIfAny();
            actor.Require(Permission.ProposeSubmission, request.VillageCode!);
            var ids = request.HouseholdIds ?? [];
            var found = (await session.LoadManyAsync<HouseholdDetails>(http.RequestAborted, ids.Distinct().Take(ProposeSubmissionDecision.MaxHouseholds + 1)))
                .ToDictionary(h => h.Id, h => new HouseholdAtProposal(h.Id, h.VillageCode, h.Version, h.HeadName));
            var id = Guid.CreateVersion7();
            var events = ProposeSubmissionDecision.Decide(new ProposeSubmission(id, request.VillageCode!, request.Year!.Value, request.List!.Value, ids), now, found);
            session.Events.StartStream<SubmissionView>(id, events);
            EventStamper.Stamp(session, id, request.VillageCode!, 0, null, events.Length, actor, reason: null, http);
            return new WriteOutcome(StatusCodes.Status201Created, new SubmissionCreatedResponse(id, events.Length), events.Length, $"/api/submissions/{id}");
        });
}
