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

public sealed record AssignResponsibleRequest(string? Name, string? Unit, string? Phone, DateOnly? Since, string? Reason);

/// <summary>帮扶责任人: the cadre answerable for the household, by the village or the town; the roster filters by it (?responsible=).</summary>
public static class AssignResponsibleEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.AssignResponsible);

    [WolverinePut("/api/households/{id}/responsible", OperationId = "assignResponsible", Summary = "Assign the responsible cadre (帮扶责任人)", Description = "Assigns the cadre responsible for helping the household, from a date.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Put(AssignResponsibleRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        HouseholdStreams.Answer(household, AssignResponsibleDecision.Decide(new AssignResponsible(request.Name, request.Unit, request.Phone, request.Since,
            request.Reason), household.Aggregate!.State, clock.GetUtcNow()), request.Reason);
}
