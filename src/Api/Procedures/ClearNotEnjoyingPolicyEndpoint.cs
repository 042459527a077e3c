using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Procedures;
using Wolverine.Http;

namespace Registry.Api.Procedures;

public sealed record ClearNotEnjoyingPolicyRequest(string? Reason, DateOnly? EffectiveDate);

/// <summary>识别无误: the town clears the flag when verification finds the household eligible after all.</summary>
public static class ClearNotEnjoyingPolicyEndpoint
{
    [WolverinePost("/api/households/{id}/flags/not-enjoying-policy/clearance", OperationId = "clearNotEnjoyingPolicy", Summary = "Clear the not-enjoying-policy flag (识别无误)", Description = "Clears the not-enjoying-policy flag once the household is found correctly identified.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ClearNotEnjoyingPolicyRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.FlagNotEnjoyingPolicy,
            c => Task.FromResult(ClearNotEnjoyingPolicyDecision.Decide(new ClearNotEnjoyingPolicy(request.Reason, request.EffectiveDate), c.State, c.Now)),
            reason: request.Reason);
}
