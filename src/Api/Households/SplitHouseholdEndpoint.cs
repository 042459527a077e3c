using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record SplitHouseholdRequest(IReadOnlyList<Guid>? MemberIds, Guid? HeadMemberId, IReadOnlyDictionary<Guid, Relation>? Relations,
    string? Reason, DateOnly? EffectiveDate);

public sealed record HouseholdSplitResponse(Guid Id, long Version, Guid SourceHouseholdId, long SourceVersion);

/// <summary>分户: members leave with their facts to form a new household in the same village; both streams change in one transaction.</summary>
public static class SplitHouseholdEndpoint
{
    [WolverinePost("/api/households/{id}/split", OperationId = "splitHousehold", Summary = "Split members off into a new household (分户)", Description = "Moves some members, with their facts, into a new household of the same village and names its head.")]
    [ProducesResponseType<HouseholdSplitResponse>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(Guid id, SplitHouseholdRequest request, HttpContext http, HouseholdWrites households)
    {
        var newId = Guid.CreateVersion7();
        long newVersion = 0;
        return households.Change(http, id, Permission.RegisterHousehold, c =>
        {
            var split = SplitHouseholdDecision.Decide(new SplitHousehold(newId, request.MemberIds, request.HeadMemberId, request.Relations, request.Reason,
                request.EffectiveDate), c.State, c.Now);
            households.Start(http, newId, c.State.VillageCode, split.Other, c.Actor, request.Reason);
            newVersion = split.Other.Length;
            return Task.FromResult(split.This);
        }, reason: request.Reason, body: version => new HouseholdSplitResponse(newId, newVersion, id, version), status: StatusCodes.Status201Created);
    }
}
