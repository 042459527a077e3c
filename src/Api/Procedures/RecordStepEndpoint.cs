using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Procedures;
using Wolverine.Http;

namespace Registry.Api.Procedures;

public sealed record RecordStepRequest(string? Step, StepOutcome? Outcome, DateOnly? OccurredOn, StepEvidence? Evidence, string? Note);

public sealed record StepRecordedResponse(Guid Id, long Version, Guid ProcedureId, string Step, bool Closed, string? NextStep, IReadOnlyList<string> Effects);

/// <summary>Records one step of a procedure; the last passed step applies the procedure's effect.</summary>
public static class RecordStepEndpoint
{
    [WolverinePost("/api/households/{id}/procedures/{procedureId}/steps", OperationId = "recordProcedureStep", Summary = "Record a procedure step (记录程序步骤)", Description = "Records the next step of an open procedure with its date, outcome and evidence; the last step applies the procedure's effect.")]
    [ProducesResponseType<StepRecordedResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, Guid procedureId, RecordStepRequest request, HttpContext http, HouseholdWrites households,
        IDocumentSession session)
    {
        object[] events = [];
        return households.Change(http, id, Permission.ReadRegistry, async c =>
        {
            var errors = new Errors();
            if (string.IsNullOrWhiteSpace(request.Step)) errors.Add("step", "field.required", "step is required.");
            if (request.Outcome is null) errors.Add("outcome", "field.required", "outcome is required.");
            if (request.OccurredOn is null) errors.Add("occurredOn", "field.required", "occurredOn is required.");
            errors.ThrowIfAny();
            var lines = await PolicyLines.For(session, c.State.VillageCode, http.RequestAborted);
            events = RecordStepDecision.Decide(new RecordStep(procedureId, request.Step!.Trim(), request.Outcome!.Value, request.OccurredOn!.Value,
                request.Evidence, request.Note), c.State, c.Actor.Role, c.Now, ProcedureCatalog.Default, lines);
            return events;
        }, reason: request.Note, body: version =>
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
