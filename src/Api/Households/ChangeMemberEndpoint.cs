using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

/// <summary>The member's facts to change (only those sent), when the change took effect and why.</summary>
public sealed record ChangeMemberRequest : MemberFields
{
    public DateOnly? EffectiveDate { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Updates only the fields sent, with the reason stored beside the event.</summary>
public static class ChangeMemberEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePatch("/api/households/{id}/members/{memberId}", OperationId = "changeMember", Summary = "Change a member's facts (成员信息变更)", Description = "Changes only the fields sent, with the reason stored beside the event. Send If-Match to refuse a change on a stale version.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static async Task<(WriteAnswer, Events)> Patch(Guid id, Guid memberId, ChangeMemberRequest request,
        [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var changes = request.Changes();
        var claimed = await ClaimProbes.Lookup(http, session, [changes.IdNumber], id, ct);
        var events = ChangeMemberDecision.Decide(new ChangeMember(memberId, changes, request.EffectiveDate, request.Reason), household.Aggregate!.State,
            clock.GetUtcNow(), claimed);
        return HouseholdStreams.Answer(household, events, request.Reason);
    }
}
