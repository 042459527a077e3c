using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record RecordAssistanceRequest(AssistanceCategory? Category, string? Description, DateOnly? StartedOn, decimal? Amount, string? Responsible);

public sealed record AssistanceRecordedResponse(Guid Id, long Version, Guid AssistanceId);

/// <summary>An assistance measure (帮扶措施) a household receives.</summary>
public static class RecordAssistanceEndpoint
{
    [WolverinePost("/api/households/{id}/assistance", OperationId = "recordAssistance", Summary = "Record an assistance measure (帮扶措施)", Description = "Records an assistance measure given to the household: category, description, start date, amount and who is responsible.")]
    [ProducesResponseType<AssistanceRecordedResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, RecordAssistanceRequest request, HttpContext http, HouseholdWrites households)
    {
        var assistanceId = Guid.CreateVersion7();
        return households.Change(http, id, Permission.RecordAssistance, c =>
        {
            var errors = new Errors();
            if (request.Category is null) errors.Add("category", "field.required", "category is required.");
            if (request.StartedOn is null) errors.Add("startedOn", "field.required", "startedOn is required.");
            errors.ThrowIfAny();
            return Task.FromResult(RecordAssistanceDecision.Decide(new RecordAssistance(assistanceId, request.Category!.Value, request.Description,
                request.StartedOn!.Value, request.Amount, request.Responsible), c.State, c.Now));
        }, body: version => new AssistanceRecordedResponse(id, version, assistanceId));
    }
}
