using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record RemoveMemberRequest(DecreaseReason? Reason, DateOnly? EffectiveDate, string? Note);

/// <summary>Natural decrease (自然减少): death, marriage out, enlistment, imprisonment, moving out, other.</summary>
public static class RemoveMemberEndpoint
{
    [WolverinePost("/api/households/{id}/members/{memberId}/removal", OperationId = "removeMember", Summary = "Remove a member (自然减少人口)", Description = "Removes a member by death, marriage out or another reason; the member stays in the history as a former member.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, Guid memberId, RemoveMemberRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.RecordHouseholdFacts, c =>
        {
            var errors = new Errors();
            if (request.Reason is null) errors.Add("reason", "field.required", "reason is required.");
            if (request.EffectiveDate is null) errors.Add("effectiveDate", "field.required", "effectiveDate is required.");
            errors.ThrowIfAny();
            return Task.FromResult(RemoveMemberDecision.Decide(
                new RemoveMember(memberId, request.Reason!.Value, request.EffectiveDate!.Value, request.Note), c.State, c.Now));
        }, reason: $"{request.Reason}: {request.Note}".TrimEnd(' ', ':'));
}
