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

public sealed record VerifyIncomeRequest(string? Note);

/// <summary>The town office verifies the year's income assessment (收入由镇乡政府核实); exit needs it.</summary>
public static class VerifyIncomeEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.VerifyIncome);

    [WolverinePost("/api/households/{id}/incomes/{year}/verification", OperationId = "verifyIncome", Summary = "Town verifies a year's income for exit (镇乡核实收入)", Description = "The town government confirms a year's income; an exit is refused without it.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(int year, VerifyIncomeRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock) =>
        HouseholdStreams.Answer(household, VerifyIncomeDecision.Decide(new VerifyIncome(year, request.Note), household.Aggregate!.State, clock.GetUtcNow()),
            request.Note);
}
