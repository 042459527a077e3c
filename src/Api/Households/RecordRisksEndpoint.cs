using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record RecordRisksRequest(IReadOnlyList<RiskType>? Risks, string? Reason, DateOnly? RecordedOn);

/// <summary>Replaces the household's risks of returning to or falling into poverty (返贫/致贫风险).</summary>
public static class RecordRisksEndpoint
{
    [WolverinePut("/api/households/{id}/risks", OperationId = "recordRisks", Summary = "Record the household's risks (风险类型)", Description = "Records the household's risks of falling (back) into poverty, one to five kinds, with a reason.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, RecordRisksRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.RecordHouseholdFacts,
            c => Task.FromResult(RecordRisksDecision.Decide(new RecordRisks(request.Risks ?? [], request.Reason, request.RecordedOn), c.State, c.Now)),
            reason: request.Reason);
}
