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

public sealed record RecordAssistanceRequest(AssistanceCategory? Category, string? Description, DateOnly? StartedOn, decimal? Amount, string? Responsible);

public sealed record AssistanceRecordedResponse(Guid Id, long Version, Guid AssistanceId);

/// <summary>An assistance measure (帮扶措施) a household receives.</summary>
public static class RecordAssistanceEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordAssistance);

    [WolverinePost("/api/households/{id}/assistance", OperationId = "recordAssistance", Summary = "Record an assistance measure (帮扶措施)", Description = "Records an assistance measure given to the household: category, description, start date, amount and who is responsible.")]
    [ProducesResponseType<AssistanceRecordedResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(Guid id, RecordAssistanceRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock)
    {
        var errors = new Errors();
        if (request.Category is null) errors.Add("category", "field.required", "category is required.");
        if (request.StartedOn is null) errors.Add("startedOn", "field.required", "startedOn is required.");
        errors.ThrowIfAny();
        var assistanceId = Guid.CreateVersion7();
        var events = RecordAssistanceDecision.Decide(new RecordAssistance(assistanceId, request.Category!.Value, request.Description,
            request.StartedOn!.Value, request.Amount, request.Responsible), household.Aggregate!.State, clock.GetUtcNow());
        return HouseholdStreams.Answer(household, events, body: version => new AssistanceRecordedResponse(id, version, assistanceId));
    }
}
