using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Org;
using Registry.Projections.Org;
using Wolverine.Http;

namespace Registry.Api.Reference;

public sealed record CreateOrgUnitRequest(string? Code, string? Name, OrgKind? Kind, string? ParentCode, bool? IsPoorVillage);

/// <summary>The unit as registered, with its stream's version.</summary>
public sealed record CreatedOrgUnit(string Id, string Name, OrgKind Kind, string? ParentCode, bool IsPoorVillage, string CreatedBy, DateTimeOffset CreatedAt,
    long Version);

/// <summary>A district office registers a town or a village: the first event of the unit's own stream, with who registered it.</summary>
public static class CreateOrgUnitEndpoint
{
    [WolverinePost("/api/org-units", OperationId = "createOrgUnit", Summary = "Create a town or village (新增单位)", Description = "Creates a town under a district or a village under a town.")]
    [ProducesResponseType<CreatedOrgUnit>(StatusCodes.Status201Created)]
    public static async Task<WriteAnswer> Post(CreateOrgUnitRequest request, HttpContext http, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ManageOrgUnits);
        var command = new RegisterOrgUnit(request.Code, request.Name, request.Kind, request.ParentCode, request.IsPoorVillage);
        RegisterOrgUnitDecision.Check(command);
        var code = command.Code!;
        actor.RequireJurisdiction(code);
        // The unit's stream is named by its code: a second registration of the code finds it, a concurrent one fails at commit
        // and is decided again. A unit kept as a document alone (not carried over yet) is registered too.
        var stream = await session.Events.FetchForWriting<OrgUnitAggregate>(OrgUnitStreams.StreamOf(code), ct);
        StreamGuard.Current(stream, http);
        var units = (await session.LoadManyAsync<OrgUnit>(ct, command.ParentCode!, code)).ToDictionary(u => u.Id);
        var existing = stream.Aggregate?.State ?? (units.GetValueOrDefault(code) is { } kept
            ? new OrgUnitState(kept.Id, kept.Name, kept.Kind, kept.ParentCode, kept.IsPoorVillage)
            : null);
        var events = RegisterOrgUnitDecision.Decide(command, existing, units.GetValueOrDefault(command.ParentCode!)?.Kind, clock.GetUtcNow());
        var version = stream.VersionAfter(events);
        stream.AppendMany(events);
        var e = (OrgUnitRegistered)events[0];
        return WriteAnswer.Created(new CreatedOrgUnit(e.Code, e.Name, e.Kind, e.ParentCode, e.IsPoorVillage, actor.UserId, e.RegisteredAt, version),
            version, $"/api/org-units/{code}");
    }
}
