using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record MergeHouseholdRequest(Guid? FromHouseholdId, IReadOnlyDictionary<Guid, Relation>? Relations, string? Reason, DateOnly? EffectiveDate);

public sealed record HouseholdMergedResponse(Guid Id, long Version, Guid FromHouseholdId, long FromVersion);

/// <summary>合户: another household of the village joins this one with all its members and is closed; both streams change in one transaction.</summary>
public static class MergeHouseholdEndpoint
{
    [WolverinePost("/api/households/{id}/merge", OperationId = "mergeHousehold", Summary = "Merge another household into this one (合户)", Description = "Brings every member of another household into this one and closes the other household as merged.")]
    [ProducesResponseType<HouseholdMergedResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, MergeHouseholdRequest request, HttpContext http, HouseholdWrites households)
    {
        long fromVersion = 0;
        return households.Change(http, id, Permission.RegisterHousehold, async c =>
        {
            if (request.FromHouseholdId is not { } fromId)
                throw Registry.Domain.Common.DomainRefusal.Invalid("fromHouseholdId", "field.required", "fromHouseholdId names the household that joins.");
            var from = await households.Other(http, fromId, c.Actor, "fromHouseholdId");
            var merge = MergeHouseholdDecision.Decide(new MergeHousehold(fromId, request.Relations, request.Reason, request.EffectiveDate), c.State,
                from.Details.State, c.Now);
            fromVersion = households.Append(http, from, merge.Other, c.Actor, request.Reason);
            return merge.This;
        }, reason: request.Reason, body: version => new HouseholdMergedResponse(id, version, request.FromHouseholdId!.Value, fromVersion));
    }
}
