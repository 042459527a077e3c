using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record RecordVisitRequest(DateOnly? VisitedOn, string? Purpose, string? Note);

/// <summary>A field visit (入户走访) during the collection phase or any follow-up.</summary>
public static class RecordVisitEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordAssistance);

    [WolverinePost("/api/households/{id}/visits", OperationId = "recordVisit", Summary = "Record a visit (走访)", Description = "Records a visit to the household with its purpose and notes.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(RecordVisitRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock)
    {
        if (request.VisitedOn is null) throw DomainRefusal.Invalid("visitedOn", "field.required", "visitedOn is required.");
        return HouseholdStreams.Answer(household, RecordVisitDecision.Decide(new RecordVisit(request.VisitedOn.Value, request.Purpose, request.Note),
            household.Aggregate!.State, clock.GetUtcNow()));
    }
}
