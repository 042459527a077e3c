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

public sealed record StartProcedureRequest(ProcedureKind? Kind, DateOnly? StartedOn);

public sealed record ProcedureStartedResponse(Guid Id, long Version, Guid ProcedureId, int DefinitionVersion, string FirstStep);

/// <summary>Opens a procedure; whoever may take its first step may open it.</summary>
public static class StartProcedureEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        Households.HouseholdStreams.Guard(household, http, Permission.ReadRegistry);

    [WolverinePost("/api/households/{id}/procedures", OperationId = "startProcedure", Summary = "Start a procedure: identification, exit, return to poverty, monitoring (启动程序)", Description = "Starts a procedure of the work plan (identification, exit, monitoring, risk elimination, removal) at its first step.")]
    [ProducesResponseType<ProcedureStartedResponse>(StatusCodes.Status201Created)]
    public static async Task<(WriteAnswer, Events)> Post(Guid id, StartProcedureRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, IDocumentSession session,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (request.Kind is null) throw DomainRefusal.Invalid("kind", "field.required", "kind is required.");
        var definition = ProcedureCatalog.Default.Latest(request.Kind.Value);
        var role = Actor.From(user).Role;
        if (!AccessPolicy.RolesAt(definition.Steps[0].Level).Contains(role))
            throw DomainRefusal.CallerForbidden("procedure.step-role", $"{role} may not open a {request.Kind} procedure.");
        var state = household.Aggregate!.State;
        var lines = await PolicyLines.For(session, state.VillageCode, ct);
        var events = StartProcedureDecision.Decide(new StartProcedure(Guid.CreateVersion7(), request.Kind.Value, request.StartedOn), state,
            clock.GetUtcNow(), ProcedureCatalog.Default, lines);
        var started = (ProcedureStarted)events[0];
        return Households.HouseholdStreams.Answer(household, events, body: version => new ProcedureStartedResponse(id, version, started.ProcedureId,
            started.DefinitionVersion, ProcedureCatalog.Default.Get(started.Kind, started.DefinitionVersion).Steps[0].Name), status: StatusCodes.Status201Created,
            // The procedure is read in its household's document, whose version the ETag names.
            location: $"/api/households/{id}");
    }
}
