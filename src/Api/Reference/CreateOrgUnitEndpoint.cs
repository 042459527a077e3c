using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Wolverine.Http;

namespace Registry.Api.Reference;

public sealed record CreateOrgUnitRequest(string? Code, string? Name, OrgKind? Kind, string? ParentCode, bool? IsPoorVillage);

public static class CreateOrgUnitEndpoint
{
    [WolverinePost("/api/org-units", OperationId = "createOrgUnit", Summary = "Create a town or village (新增单位)", Description = "Creates a town under a district or a village under a town.")]
    [ProducesResponseType<OrgUnit>(StatusCodes.Status201Created)]
    public static async Task<WriteAnswer> Post(CreateOrgUnitRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var actor = Actor.From(user);
        actor.Require(Permission.ManageOrgUnits);
        var errors = new Errors();
        Text.Required(errors, "name", request.Name, 50);
        if (!OrgCode.IsWellFormed(request.Code)) errors.Add("code", "org.code.format", "code is a 12-digit division code.");
        if (!OrgCode.IsWellFormed(request.ParentCode)) errors.Add("parentCode", "org.code.format", "parentCode is a 12-digit division code.");
        if (request.Kind is null) errors.Add("kind", "field.required", "kind is required.");
        errors.ThrowIfAny();
        var code = request.Code!;
        if (OrgCode.KindOf(code) != request.Kind)
            throw DomainRefusal.Invalid("kind", "org.kind-mismatch", $"Code {code} is not the code of a {request.Kind}.");
        if (request.ParentCode == code || !OrgCode.Contains(request.ParentCode!, code))
            throw DomainRefusal.Invalid("parentCode", "org.parent-mismatch", $"{code} does not lie under {request.ParentCode}.");
        if (request.IsPoorVillage == true && request.Kind != OrgKind.Village)
            throw DomainRefusal.Invalid("isPoorVillage", "org.poor-village-kind", "Only a village can be a poor village.");
        actor.RequireJurisdiction(code);
        var parent = await session.LoadAsync<OrgUnit>(request.ParentCode!, ct)
            ?? throw DomainRefusal.Rule("org.parent-unknown", $"Parent unit {request.ParentCode} is not registered.");
        if (parent.Kind >= request.Kind)
            throw DomainRefusal.Rule("org.parent-kind", $"A {request.Kind} cannot sit under a {parent.Kind}.");
        var unit = new OrgUnit(code, request.Name!.Trim(), request.Kind!.Value, parent.Id, request.IsPoorVillage ?? false, actor.UserId, clock.GetUtcNow());
        session.Insert(unit);
        return new WriteAnswer(StatusCodes.Status201Created, unit, null, $"/api/org-units/{code}");
    }
}
