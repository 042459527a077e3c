using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Org;
using Registry.Projections.Org;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Reference;

public sealed record CreateOrgUnitRequest(string? Code, string? Name, OrgKind? Kind, string? ParentCode, bool? IsPoorVillage);

/// <summary>The unit as registered, with its stream's version.</summary>
public sealed record CreatedOrgUnit(string Id, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage, string CreatedBy, DateTimeOffset CreatedAt,
    long Version);

/// <summary>A district office registers a town or a village: the first event of the unit's own stream, with who registered it.</summary>
public static class CreateOrgUnitEndpoint
{
    /// <summary>The caller's role and the unit's own fields, before anything is decided.</summary>
    public static void Before(CreateOrgUnitRequest request, HttpContext http)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ManageOrgUnits);
        RegisterOrgUnitDecision.Check(Command(request));
        actor.RequireJurisdiction(request.Code!);
    }

    /// <summary>The unit's stream is named by its code: a second registration of the code finds it, a concurrent one fails at commit.</summary>
    public static Guid UnitStream(CreateOrgUnitRequest request) => OrgUnitStreams.StreamOf(request.Code ?? "");

    [WolverinePost("/api/org-units", OperationId = "createOrgUnit", Summary = "Create a town or village (新增单位)", Description = "Creates a town under a district or a village under a town.")]
    [ProducesResponseType<CreatedOrgUnit>(StatusCodes.Status201Created)]
    public static async Task<(WriteAnswer, Events)> Post(CreateOrgUnitRequest request,
        [WriteAggregate(Required = false, FromMethod = nameof(UnitStream))] IEventStream<OrgUnitAggregate> unit, HttpContext http, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        StreamGuard.Current(unit, http);
        var command = Command(request);
        var code = command.Code!;
        // A unit kept as a document alone (not carried over to its stream yet) is registered too.
        var units = (await session.LoadManyAsync<OrgUnit>(ct, command.ParentCode!, code)).ToDictionary(u => u.Id);
        var existing = unit.Aggregate?.State ?? (units.GetValueOrDefault(code) is { } kept
            ? new OrgUnitState(kept.Id, kept.Name, kept.Kind, kept.ParentCode, kept.IsPoorVillage)
            : null);
        var events = RegisterOrgUnitDecision.Decide(command, existing, units.GetValueOrDefault(command.ParentCode!)?.Kind, clock.GetUtcNow());
        var version = unit.VersionAfter(events);
        var e = (OrgUnitRegistered)events[0];
        return (WriteAnswer.Created(new CreatedOrgUnit(e.Code, e.Name, e.Kind, e.ParentCode, e.IsPoorVillage, Actor.From(http.User).UserId, e.RegisteredAt,
            version), version, $"/api/org-units/{code}"), [.. events]);
    }

    private static RegisterOrgUnit Command(CreateOrgUnitRequest request) =>
        new(request.Code, request.Name, request.Kind, request.ParentCode, request.IsPoorVillage);
}
