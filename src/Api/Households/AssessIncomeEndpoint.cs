using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record AssessIncomeRequest(int? Year, decimal? Wage, decimal? Business, decimal? Property, decimal? Transfer,
    decimal? ProductionCosts, DateOnly? AssessedOn, decimal? TransferExpenses);

public sealed record IncomeAssessedResponse(Guid Id, long Version, int Year, int HouseholdSize, decimal PerCapita, decimal PerCapitaNet,
    decimal PerCapitaDisposable);

public static class AssessIncomeEndpoint
{
    [WolverinePost("/api/households/{id}/incomes", OperationId = "assessIncome", Summary = "Assess a year's income (收入测算)", Description = "Records a year's income and gives the per-capita net and disposable income, divided by the members on record at the end of that year.")]
    [ProducesResponseType<IncomeAssessedResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, AssessIncomeRequest request, HttpContext http, HouseholdWrites households)
    {
        IncomeAssessed? assessed = null;
        return households.Change(http, id, Permission.RecordHouseholdFacts, c =>
        {
            var errors = new Errors();
            if (request.Year is null) errors.Add("year", "field.required", "year is required.");
            errors.ThrowIfAny();
            var events = AssessIncomeDecision.Decide(new AssessIncome(request.Year!.Value, request.Wage ?? 0, request.Business ?? 0,
                request.Property ?? 0, request.Transfer ?? 0, request.ProductionCosts ?? 0, request.AssessedOn, request.TransferExpenses ?? 0), c.State, c.Now);
            assessed = (IncomeAssessed)events[0];
            return Task.FromResult(events);
        }, body: version => new IncomeAssessedResponse(id, version, assessed!.Year, assessed.HouseholdSize, assessed.PerCapita, assessed.PerCapita,
            assessed.PerCapitaDisposable ?? assessed.PerCapita));
    }
}
