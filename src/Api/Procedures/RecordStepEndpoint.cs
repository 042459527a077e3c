using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Procedures;
using Registry.Projections.Households;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Procedures;

public sealed record RecordStepRequest(string? Step, StepOutcome? Outcome, DateOnly? OccurredOn, StepEvidence? Evidence, string? Note);

public sealed record StepRecordedResponse(Guid Id, long Version, Guid ProcedureId, string Step, bool Closed, string? NextStep, IReadOnlyList<string> Effects);

/// <summary>Records one step of a procedure; the last passed step applies the procedure's effect.</summary>
public static class RecordStepEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        Households.HouseholdStreams.Guard(household, http, Permission.ReadRegistry);

    [WolverinePost("/api/households/{id}/procedures/{procedureId}/steps", OperationId = "recordProcedureStep", Summary = "Record a procedure step (记录程序步骤)", Description = "Records the next step of an open procedure with its date, outcome and evidence; the last step applies the procedure's effect.")]
    [ProducesResponseType<StepRecordedResponse>(StatusCodes.Status200OK)]
    public static async Task<(WriteAnswer, Events)> Post(Guid id, Guid procedureId, RecordStepRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, IDocumentSession session,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(request.Step)) errors.Add("step", "field.required", "step is required.");
        if (request.Outcome is null) errors.Add("outcome", "field.required", "outcome is required.");
        if (request.OccurredOn is null) errors.Add("occurredOn", "field.required", "occurredOn is required.");
        errors.ThrowIfAny();
        var state = household.Aggregate!.State;
        var lines = await PolicyLines.For(session, state.VillageCode, ct);
        var events = RecordStepDecision.Decide(new RecordStep(procedureId, request.Step!.Trim(), request.Outcome!.Value, request.OccurredOn!.Value,
            request.Evidence, request.Note), state, Actor.From(user).Role, clock.GetUtcNow(), ProcedureCatalog.Default, lines);
        return Households.HouseholdStreams.Answer(household, events, request.Note, version =>
        {
            var recorded = events.OfType<ProcedureStepRecorded>().Single();
            var closed = events.OfType<ProcedureClosed>().Any();
            var next = closed ? null : ProcedureCatalog.Default.Get(recorded.Kind, recorded.DefinitionVersion).Steps
                .SkipWhile(s => s.Name != recorded.Step).Skip(1).FirstOrDefault()?.Name;
            var effects = events.Where(e => e is not ProcedureStepRecorded).Select(e => Projections.EventTypes.NameOf(e.GetType())).ToList();
            return new StepRecordedResponse(id, version, procedureId, recorded.Step, closed, next, effects);
        });
    }
}
