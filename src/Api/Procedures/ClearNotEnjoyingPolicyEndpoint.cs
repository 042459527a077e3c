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

public sealed record ClearNotEnjoyingPolicyRequest(string? Reason, DateOnly? EffectiveDate);

/// <summary>识别无误: the town clears the flag when verification finds the household eligible after all.</summary>
public static class ClearNotEnjoyingPolicyEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        Households.HouseholdStreams.Guard(household, http, Permission.FlagNotEnjoyingPolicy);

    [WolverinePost("/api/households/{id}/flags/not-enjoying-policy/clearance", OperationId = "clearNotEnjoyingPolicy", Summary = "Clear the not-enjoying-policy flag (识别无误)", Description = "Clears the not-enjoying-policy flag once the household is found correctly identified.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(ClearNotEnjoyingPolicyRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        Households.HouseholdStreams.Answer(household, ClearNotEnjoyingPolicyDecision.Decide(new ClearNotEnjoyingPolicy(request.Reason, request.EffectiveDate),
            household.Aggregate!.State, clock.GetUtcNow()), request.Reason);
}
