using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record RecordVisitRequest(DateOnly? VisitedOn, string? Purpose, string? Note);

/// <summary>A field visit (入户走访) during the collection phase or any follow-up.</summary>
public static class RecordVisitEndpoint
{
    [WolverinePost("/api/households/{id}/visits", OperationId = "recordVisit", Summary = "Record a visit (走访)", Description = "Records a visit to the household with its purpose and notes.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, RecordVisitRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.RecordAssistance, c =>
        {
            if (request.VisitedOn is null) throw DomainRefusal.Invalid("visitedOn", "field.required", "visitedOn is required.");
            return Task.FromResult(RecordVisitDecision.Decide(new RecordVisit(request.VisitedOn.Value, request.Purpose, request.Note), c.State, c.Now));
        });
}
