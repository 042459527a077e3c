using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.Org;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record RegisterHouseholdRequest(
    Guid? Id,
    string? VillageCode,
    string? GroupName,
    string? Address,
    HouseholdStatus? Status,
    int? IdentifiedYear,
    int? ExitYear,
    DateOnly? RegisteredOn,
    IReadOnlyList<MemberInput>? Members);

public static class RegisterHouseholdEndpoint
{
    public static async Task Before(RegisterHouseholdRequest request, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.RegisterHousehold);
        if (!Domain.Org.OrgCode.IsWellFormed(request.VillageCode))
            throw DomainRefusal.Invalid("villageCode", "org.code.format", "villageCode is a 12-digit division code.");
        actor.RequireJurisdiction(request.VillageCode!);
        if (await session.LoadAsync<OrgUnit>(request.VillageCode!, ct) is not { Kind: Domain.Org.OrgKind.Village })
            throw DomainRefusal.Rule("org.village-unknown", $"{request.VillageCode} is not a registered village.");
    }

    [WolverinePost("/api/households", OperationId = "registerHousehold", Summary = "Register a household (建档立卡)", Description = "Registers a household with its members. A village registers Unregistered households; Poor or Exited households carried over from the national system are registered by the district. The registry assigns the id.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status201Created)]
    public static async Task<(WriteAnswer, IStartStream)> Post(RegisterHouseholdRequest request, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var errors = new Errors();
        // Ids are the registry's: a client-chosen id could pre-claim another village's household.
        if (request.Id is not null) errors.Add("id", "household.id.server-assigned", "The registry assigns household ids; send no id.");
        if (request.Status is null) errors.Add("status", "field.required", "status is required.");
        var members = (request.Members ?? []).Select((m, i) => new RegisteredMember(Guid.CreateVersion7(),
            (m ?? new MemberInput()).ToFacts(errors, $"members[{i}].")));
        var command = new RegisterHousehold(id, request.VillageCode!, request.GroupName, request.Address,
            request.Status ?? HouseholdStatus.Unregistered, request.IdentifiedYear, request.ExitYear, request.RegisteredOn, members.ToList(),
            Actor.From(user).Role);
        var claimed = await ClaimProbes.Lookup(http, session, command.Members.Select(m => m.Facts.IdNumber), id, ct);
        var events = RegisterHouseholdDecision.Decide(command, clock.GetUtcNow(), claimed, errors);
        return (WriteAnswer.Created(new VersionResponse(id, events.Length), events.Length, $"/api/households/{id}"),
            MartenOps.StartStream<HouseholdDetails>(id, events));
    }
}
