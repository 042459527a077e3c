using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Procedures;
using Wolverine.Http;

namespace Registry.Api.Procedures;

public sealed record FlagNotEnjoyingPolicyRequest(string? Reason, DateOnly? EffectiveDate);

/// <summary>脱贫不享受政策: the town flags an exited household for verification (and possibly removal).</summary>
public static class FlagNotEnjoyingPolicyEndpoint
{
    [WolverinePut("/api/households/{id}/flags/not-enjoying-policy", OperationId = "flagNotEnjoyingPolicy", Summary = "Flag a household that should enjoy policy but does not (应享未享)", Description = "Flags a household that should enjoy a policy but does not, with the reason found.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, FlagNotEnjoyingPolicyRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.FlagNotEnjoyingPolicy,
            c => Task.FromResult(FlagNotEnjoyingPolicyDecision.Decide(new FlagNotEnjoyingPolicy(request.Reason, request.EffectiveDate), c.State, c.Now)),
            reason: request.Reason);
}
