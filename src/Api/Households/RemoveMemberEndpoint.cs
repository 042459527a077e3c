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

public sealed record RemoveMemberRequest(DecreaseReason? Reason, DateOnly? EffectiveDate, string? Note);

/// <summary>Natural decrease (自然减少): death, marriage out, enlistment, imprisonment, moving out, other.</summary>
public static class RemoveMemberEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/members/{memberId}/removal", OperationId = "removeMember", Summary = "Remove a member (自然减少人口)", Description = "Removes a member by death, marriage out or another reason; the member stays in the history as a former member.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(Guid memberId, RemoveMemberRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock)
    {
        var errors = new Errors();
        if (request.Reason is null) errors.Add("reason", "field.required", "reason is required.");
        if (request.EffectiveDate is null) errors.Add("effectiveDate", "field.required", "effectiveDate is required.");
        errors.ThrowIfAny();
        var events = RemoveMemberDecision.Decide(new RemoveMember(memberId, request.Reason!.Value, request.EffectiveDate!.Value, request.Note),
            household.Aggregate!.State, clock.GetUtcNow());
        return HouseholdStreams.Answer(household, events, $"{request.Reason}: {request.Note}".TrimEnd(' ', ':'));
    }
}
