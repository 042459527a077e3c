using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record AssessIncomeRequest(int? Year, decimal? Wage, decimal? Business, decimal? Property, decimal? Transfer,
    decimal? ProductionCosts, DateOnly? AssessedOn, decimal? TransferExpenses);

public sealed record IncomeAssessedResponse(Guid Id, long Version, int Year, int HouseholdSize, decimal PerCapita, decimal PerCapitaNet,
    decimal PerCapitaDisposable);

public static class AssessIncomeEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/incomes", OperationId = "assessIncome", Summary = "Assess a year's income (收入测算)", Description = "Records a year's income and gives the per-capita net and disposable income, divided by the members on record at the end of that year.")]
    [ProducesResponseType<IncomeAssessedResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Post(Guid id, AssessIncomeRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, TimeProvider clock)
    {
        var errors = new Errors();
        if (request.Year is null) errors.Add("year", "field.required", "year is required.");
        errors.ThrowIfAny();
        var events = AssessIncomeDecision.Decide(new AssessIncome(request.Year!.Value, request.Wage ?? 0, request.Business ?? 0,
            request.Property ?? 0, request.Transfer ?? 0, request.ProductionCosts ?? 0, request.AssessedOn, request.TransferExpenses ?? 0),
            household.Aggregate!.State, clock.GetUtcNow());
        var assessed = (IncomeAssessed)events[0];
        return HouseholdStreams.Answer(household, events, body: version => new IncomeAssessedResponse(id, version, assessed.Year, assessed.HouseholdSize,
            assessed.PerCapita, assessed.PerCapita, assessed.PerCapitaDisposable ?? assessed.PerCapita));
    }
}
