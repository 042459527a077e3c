using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.People;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record ChangeMemberRequest(
    string? Name,
    string? IdNumber,
    Relation? Relation,
    string? Phone,
    SchoolStatus? SchoolStatus,
    Health? Health,
    Disability? Disability,
    LaborCapacity? LaborCapacity,
    WorkStatus? WorkStatus,
    DateOnly? EffectiveDate,
    string? Reason,
    Sex? Sex = null,
    DateOnly? BirthDate = null,
    bool? MedicalInsurance = null,
    bool? PensionInsurance = null,
    bool? MinimumLivingAllowance = null,
    bool? ExtremePovertySupport = null,
    string? WorkPlace = null,
    int? WorkMonths = null)
{
    public MemberFactChanges Changes() => new(Name, IdNumber?.Trim().ToUpperInvariant(), Relation, Phone, SchoolStatus, Health, Disability,
        LaborCapacity, WorkStatus, Sex, BirthDate, MedicalInsurance, PensionInsurance, MinimumLivingAllowance, ExtremePovertySupport, WorkPlace, WorkMonths);
}

/// <summary>Updates only the fields sent, with the reason stored beside the event.</summary>
public static class ChangeMemberEndpoint
{
    [WolverinePatch("/api/households/{id}/members/{memberId}", OperationId = "changeMember", Summary = "Change a member's facts (成员信息变更)", Description = "Changes only the fields sent, with the reason stored beside the event. Send If-Match to refuse a change on a stale version.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Patch(Guid id, Guid memberId, ChangeMemberRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.RecordHouseholdFacts, async c =>
        {
            var changes = request.Changes();
            var claimed = await households.ClaimedElsewhere([changes.IdNumber], id, http.RequestAborted);
            return ChangeMemberDecision.Decide(new ChangeMember(memberId, changes, request.EffectiveDate, request.Reason), c.State, c.Now, claimed);
        }, reason: request.Reason);
}
