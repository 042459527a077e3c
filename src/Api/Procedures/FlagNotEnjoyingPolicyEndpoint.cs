using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Households;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Procedures;
using Registry.Projections.Households;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Procedures;

public sealed record FlagNotEnjoyingPolicyRequest(string? Reason, DateOnly? EffectiveDate);

/// <summary>脱贫不享受政策: the town flags an exited household for verification (and possibly removal).</summary>
public static class FlagNotEnjoyingPolicyEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        Households.HouseholdStreams.Guard(household, http, Permission.FlagNotEnjoyingPolicy);

    [WolverinePut("/api/households/{id}/flags/not-enjoying-policy", OperationId = "flagNotEnjoyingPolicy", Summary = "Flag a household that should enjoy policy but does not (应享未享)", Description = "Flags a household that should enjoy a policy but does not, with the reason found.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Put(FlagNotEnjoyingPolicyRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        Households.HouseholdStreams.Answer(household, FlagNotEnjoyingPolicyDecision.Decide(new FlagNotEnjoyingPolicy(request.Reason, request.EffectiveDate),
            household.Aggregate!.State, clock.GetUtcNow()), request.Reason);
}
