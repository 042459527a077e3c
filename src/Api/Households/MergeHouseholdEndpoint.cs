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

public sealed record MergeHouseholdRequest(Guid? FromHouseholdId, IReadOnlyDictionary<Guid, Relation>? Relations, string? Reason, DateOnly? EffectiveDate);

public sealed record HouseholdMergedResponse(Guid Id, long Version, Guid FromHouseholdId, long FromVersion);

/// <summary>合户: another household of the village joins this one with all its members and is closed; both streams change in one transaction.</summary>
public static class MergeHouseholdEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/merge", OperationId = "mergeHousehold", Summary = "Merge another household into this one (合户)", Description = "Brings every member of another household into this one and closes the other household as merged.")]
    [ProducesResponseType<HouseholdMergedResponse>(StatusCodes.Status200OK)]
    public static async Task<(WriteAnswer, Events)> Post(Guid id, MergeHouseholdRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.FromHouseholdId is not { } fromId)
            throw Registry.Domain.Common.DomainRefusal.Invalid("fromHouseholdId", "field.required", "fromHouseholdId names the household that joins.");
        // The joining household is a second stream of the same transaction: a concurrent change to it fails the whole merge.
        var from = fromId == Guid.Empty ? null : await session.Events.FetchForWriting<HouseholdSnapshot>(fromId, ct);
        var joining = StreamGuard.Other(from, http, "household.not-found", "No household with this id (fromHouseholdId).");
        var merge = MergeHouseholdDecision.Decide(new MergeHousehold(fromId, request.Relations, request.Reason, request.EffectiveDate),
            household.Aggregate!.State, joining.State, clock.GetUtcNow());
        from!.AppendMany(merge.Other);
        var fromVersion = joining.Version + merge.Other.Length;
        return HouseholdStreams.Answer(household, merge.This, request.Reason, version => new HouseholdMergedResponse(id, version, fromId, fromVersion));
    }
}
