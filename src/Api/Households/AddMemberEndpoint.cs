using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record AddMemberRequest(MemberInput? Member, IncreaseReason? Reason, DateOnly? EffectiveDate);

public sealed record MemberAddedResponse(Guid Id, long Version, Guid MemberId);

/// <summary>Natural increase (自然增加): birth, marriage in, return, other.</summary>
public static class AddMemberEndpoint
{
    [WolverinePost("/api/households/{id}/members", OperationId = "addMember", Summary = "Add a member (自然增加人口)", Description = "Adds a member by birth, marriage or another reason, with its effective date.")]
    [ProducesResponseType<MemberAddedResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, AddMemberRequest request, HttpContext http, HouseholdWrites households)
    {
        var memberId = Guid.CreateVersion7();
        return households.Change(http, id, Permission.RecordHouseholdFacts, async c =>
        {
            var errors = new Errors();
            if (request.Member is null) errors.Add("member", "field.required", "member is required.");
            if (request.Reason is null) errors.Add("reason", "field.required", "reason is required.");
            if (request.EffectiveDate is null) errors.Add("effectiveDate", "field.required", "effectiveDate is required.");
            var facts = (request.Member ?? new MemberInput(null, null, null)).ToFacts(errors, "member.");
            var claimed = await households.ClaimedElsewhere([facts.IdNumber], id, http.RequestAborted);
            return AddMemberDecision.Decide(new AddMember(memberId, facts, request.Reason ?? IncreaseReason.Other, request.EffectiveDate ?? default),
                c.State, c.Now, claimed, errors);
        }, body: version => new MemberAddedResponse(id, version, memberId));
    }
}
