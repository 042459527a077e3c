using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record AssignResponsibleRequest(string? Name, string? Unit, string? Phone, DateOnly? Since, string? Reason);

/// <summary>帮扶责任人: the cadre answerable for the household, by the village or the town; the roster filters by it (?responsible=).</summary>
public static class AssignResponsibleEndpoint
{
    [WolverinePut("/api/households/{id}/responsible", OperationId = "assignResponsible", Summary = "Assign the responsible cadre (帮扶责任人)", Description = "Assigns the cadre responsible for helping the household, from a date.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, AssignResponsibleRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.AssignResponsible,
            c => Task.FromResult(AssignResponsibleDecision.Decide(new AssignResponsible(request.Name, request.Unit, request.Phone, request.Since,
                request.Reason), c.State, c.Now)), reason: request.Reason);
}
