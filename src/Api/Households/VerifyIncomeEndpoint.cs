using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record VerifyIncomeRequest(string? Note);

/// <summary>The town office verifies the year's income assessment (收入由镇乡政府核实); exit needs it.</summary>
public static class VerifyIncomeEndpoint
{
    [WolverinePost("/api/households/{id}/incomes/{year}/verification", OperationId = "verifyIncome", Summary = "Town verifies a year's income for exit (镇乡核实收入)", Description = "The town government confirms a year's income; an exit is refused without it.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, int year, VerifyIncomeRequest request, HttpContext http, HouseholdWrites households) =>
        households.Change(http, id, Permission.VerifyIncome,
            c => Task.FromResult(VerifyIncomeDecision.Decide(new VerifyIncome(year, request.Note), c.State, c.Now)), reason: request.Note);
}
