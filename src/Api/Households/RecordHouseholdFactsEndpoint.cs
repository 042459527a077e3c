using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record RecordHouseholdFactsRequest(IReadOnlyList<PovertyCause>? PovertyCauses, HousingSafety? HousingSafety,
    DrinkingWaterSafety? DrinkingWaterSafety, string? Reason, DateOnly? RecordedOn);

/// <summary>Causes of poverty (the main one first), housing and drinking-water safety, as information collection records them.</summary>
public static class RecordHouseholdFactsEndpoint
{
    [WolverinePut("/api/households/{id}/facts", OperationId = "recordHouseholdFacts", Summary = "Causes of poverty, housing and drinking-water safety (致贫原因、住房和饮水安全)", Description = "Records the causes of poverty (one to three, the main one first) and the safety of housing and drinking water.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, RecordHouseholdFactsRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.RecordHouseholdFacts,
            c => Task.FromResult(RecordHouseholdFactsDecision.Decide(new RecordHouseholdFacts(request.PovertyCauses, request.HousingSafety,
                request.DrinkingWaterSafety, request.Reason, request.RecordedOn), c.State, c.Now)), reason: request.Reason);
}
