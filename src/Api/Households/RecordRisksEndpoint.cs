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

public sealed record RecordRisksRequest(IReadOnlyList<RiskType>? Risks, string? Reason, DateOnly? RecordedOn);

/// <summary>Replaces the household's risks of returning to or falling into poverty (返贫/致贫风险).</summary>
public static class RecordRisksEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePut("/api/households/{id}/risks", OperationId = "recordRisks", Summary = "Record the household's risks (风险类型)", Description = "Records the household's risks of falling (back) into poverty, one to five kinds, with a reason.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Put(RecordRisksRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        HouseholdStreams.Answer(household, RecordRisksDecision.Decide(new RecordRisks(request.Risks ?? [], request.Reason, request.RecordedOn),
            household.Aggregate!.State, clock.GetUtcNow()), request.Reason);
}
