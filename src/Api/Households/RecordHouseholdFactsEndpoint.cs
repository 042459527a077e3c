using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record RecordHouseholdFactsRequest(IReadOnlyList<PovertyCause>? PovertyCauses, HousingSafety? HousingSafety,
    DrinkingWaterSafety? DrinkingWaterSafety, string? Reason, DateOnly? RecordedOn);

/// <summary>Causes of poverty (the main one first), housing and drinking-water safety, as information collection records them.</summary>
public static class RecordHouseholdFactsEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePut("/api/households/{id}/facts", OperationId = "recordHouseholdFacts", Summary = "Causes of poverty, housing and drinking-water safety (致贫原因、住房和饮水安全)", Description = "Records the causes of poverty (one to three, the main one first) and the safety of housing and drinking water.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Put(RecordHouseholdFactsRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        HouseholdStreams.Answer(household, RecordHouseholdFactsDecision.Decide(new RecordHouseholdFacts(request.PovertyCauses, request.HousingSafety,
            request.DrinkingWaterSafety, request.Reason, request.RecordedOn), household.Aggregate!.State, clock.GetUtcNow()), request.Reason);
}
