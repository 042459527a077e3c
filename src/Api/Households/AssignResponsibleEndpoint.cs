using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record AssignResponsibleRequest(string? Name, string? Unit, string? Phone, DateOnly? Since, string? Reason);

/// <summary>帮扶责任人: the cadre answerable for the household, by the village or the town; the roster filters by it (?responsible=).</summary>
public static class AssignResponsibleEndpoint
{
    [WolverinePut("/api/households/{id}/responsible")]
    public static Task<IResult> Put(Guid id, AssignResponsibleRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.AssignResponsible,
            c => Task.FromResult(AssignResponsibleDecision.Decide(new AssignResponsible(request.Name, request.Unit, request.Phone, request.Since,
                request.Reason), c.State, c.Now)), reason: request.Reason);
}
