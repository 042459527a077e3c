using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record ChangeHeadRequest(Guid? MemberId, IReadOnlyDictionary<Guid, Relation>? Relations, string? Reason, DateOnly? EffectiveDate);

/// <summary>户主变更: the household keeps exactly one head at every version.</summary>
public static class ChangeHeadEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/head", OperationId = "changeHead", Summary = "Change the head of household (户主变更)", Description = "Makes another member the head of household and restates every other member's relation to the new head.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(ChangeHeadRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        HouseholdStreams.Answer(household, ChangeHeadDecision.Decide(new ChangeHead(request.MemberId, request.Relations, request.Reason,
            request.EffectiveDate), household.Aggregate!.State, clock.GetUtcNow()), request.Reason);
}
