using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record ChangeHeadRequest(Guid? MemberId, IReadOnlyDictionary<Guid, Relation>? Relations, string? Reason, DateOnly? EffectiveDate);

/// <summary>户主变更: the household keeps exactly one head at every version.</summary>
public static class ChangeHeadEndpoint
{
    [WolverinePost("/api/households/{id}/head", OperationId = "changeHead", Summary = "Change the head of household (户主变更)", Description = "Makes another member the head of household and restates every other member's relation to the new head.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ChangeHeadRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.RecordHouseholdFacts,
            c => Task.FromResult(ChangeHeadDecision.Decide(new ChangeHead(request.MemberId, request.Relations, request.Reason, request.EffectiveDate),
                c.State, c.Now)), reason: request.Reason);
}
