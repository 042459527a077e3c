using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record SplitHouseholdRequest(IReadOnlyList<Guid>? MemberIds, Guid? HeadMemberId, IReadOnlyDictionary<Guid, Relation>? Relations,
    string? Reason, DateOnly? EffectiveDate);

public sealed record HouseholdSplitResponse(Guid Id, long Version, Guid SourceHouseholdId, long SourceVersion);

/// <summary>分户: members leave with their facts to form a new household in the same village; both streams change in one transaction.</summary>
public static class SplitHouseholdEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/split", OperationId = "splitHousehold", Summary = "Split members off into a new household (分户)", Description = "Moves some members, with their facts, into a new household of the same village and names its head.")]
    [ProducesResponseType<HouseholdSplitResponse>(StatusCodes.Status201Created)]
    public static (WriteAnswer, Events, IStartStream) Post(Guid id, SplitHouseholdRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock)
    {
        var newId = Guid.CreateVersion7();
        var split = SplitHouseholdDecision.Decide(new SplitHousehold(newId, request.MemberIds, request.HeadMemberId, request.Relations, request.Reason,
            request.EffectiveDate), household.Aggregate!.State, clock.GetUtcNow());
        // A 201's Location and ETag are the new household's (RFC 9110, 15.3.2); the source's new version is in the body.
        var answer = WriteAnswer.Created(new HouseholdSplitResponse(newId, split.Other.Length, id, household.VersionAfter(split.This)),
            split.Other.Length, $"/api/households/{newId}", request.Reason);
        return (answer, [.. split.This], MartenOps.StartStream<HouseholdDetails>(newId, split.Other));
    }
}
