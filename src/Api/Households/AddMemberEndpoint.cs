using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
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

public sealed record AddMemberRequest(MemberInput? Member, IncreaseReason? Reason, DateOnly? EffectiveDate);

public sealed record MemberAddedResponse(Guid Id, long Version, Guid MemberId);

/// <summary>Natural increase (自然增加): birth, marriage in, return, other.</summary>
public static class AddMemberEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/members", OperationId = "addMember", Summary = "Add a member (自然增加人口)", Description = "Adds a member by birth, marriage or another reason, with its effective date.")]
    [ProducesResponseType<MemberAddedResponse>(StatusCodes.Status200OK)]
    public static async Task<(WriteAnswer, Events)> Post(Guid id, AddMemberRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var memberId = Guid.CreateVersion7();
        var errors = new Errors();
        if (request.Member is null) errors.Add("member", "field.required", "member is required.");
        if (request.Reason is null) errors.Add("reason", "field.required", "reason is required.");
        if (request.EffectiveDate is null) errors.Add("effectiveDate", "field.required", "effectiveDate is required.");
        var facts = (request.Member ?? new MemberInput()).ToFacts(errors, "member.");
        var claimed = await ClaimProbes.Lookup(http, session, [facts.IdNumber], id, ct);
        var events = AddMemberDecision.Decide(new AddMember(memberId, facts, request.Reason ?? IncreaseReason.Other, request.EffectiveDate ?? default),
            household.Aggregate!.State, clock.GetUtcNow(), claimed, errors);
        return HouseholdStreams.Answer(household, events, body: version => new MemberAddedResponse(id, version, memberId));
    }
}
