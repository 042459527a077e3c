using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Procedures;
using Wolverine.Http;

namespace Registry.Api.Procedures;

public sealed record StartProcedureRequest(ProcedureKind? Kind, DateOnly? StartedOn);

public sealed record ProcedureStartedResponse(Guid Id, long Version, Guid ProcedureId, int DefinitionVersion, string FirstStep);

/// <summary>Opens a procedure; whoever may take its first step may open it.</summary>
public static class StartProcedureEndpoint
{
    [WolverinePost("/api/households/{id}/procedures", OperationId = "startProcedure", Summary = "Start a procedure: identification, exit, return to poverty, monitoring (启动程序)", Description = "Starts a procedure of the work plan (identification, exit, monitoring, risk elimination, removal) at its first step.")]
    [ProducesResponseType<ProcedureStartedResponse>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(Guid id, StartProcedureRequest request, HttpContext http, HouseholdWrites households, IDocumentSession session)
    {
        var procedureId = Guid.CreateVersion7();
        ProcedureStarted? started = null;
        return households.Change(http, id, Permission.ReadRegistry, async c =>
        {
            if (request.Kind is null) throw DomainRefusal.Invalid("kind", "field.required", "kind is required.");
            var definition = ProcedureCatalog.Default.Latest(request.Kind.Value);
            if (!AccessPolicy.RolesAt(definition.Steps[0].Level).Contains(c.Actor.Role))
                throw DomainRefusal.Forbidden("procedure.step-role", $"{c.Actor.Role} may not open a {request.Kind} procedure.");
            var lines = await PolicyLines.For(session, c.State.VillageCode, http.RequestAborted);
            var events = StartProcedureDecision.Decide(new StartProcedure(procedureId, request.Kind.Value, request.StartedOn), c.State, c.Now,
                ProcedureCatalog.Default, lines);
            started = (ProcedureStarted)events[0];
            return events;
        }, body: version => new ProcedureStartedResponse(id, version, procedureId, started!.DefinitionVersion,
            ProcedureCatalog.Default.Get(started.Kind, started.DefinitionVersion).Steps[0].Name), status: StatusCodes.Status201Created);
    }
}
