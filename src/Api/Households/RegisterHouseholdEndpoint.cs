using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

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
    [WolverinePost("/api/households", OperationId = "registerHousehold", Summary = "Register a household (建档立卡)", Description = "Registers a household with its members. A village registers Unregistered households; Poor or Exited households carried over from the national system are registered by the district. The registry assigns the id.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status201Created)]
    public static Task<IResult> Post(RegisterHouseholdRequest request, HttpContext http, HouseholdWrites households)
    {
        var id = Guid.CreateVersion7();
        return households.Register(http, id, request.VillageCode, async (actor, now) =>
        {
            var errors = new Errors();
            // Ids are the registry's: a client-chosen id could pre-claim another village's household.
            if (request.Id is not null) errors.Add("id", "household.id.server-assigned", "The registry assigns household ids; send no id.");
            if (request.Status is null) errors.Add("status", "field.required", "status is required.");
            var members = (request.Members ?? []).Select((m, i) => new RegisteredMember(Guid.CreateVersion7(),
                (m ?? new MemberInput(null, null, null)).ToFacts(errors, $"members[{i}].")));
            var command = new RegisterHousehold(id, request.VillageCode!, request.GroupName, request.Address,
                request.Status ?? HouseholdStatus.Unregistered, request.IdentifiedYear, request.ExitYear, request.RegisteredOn, members.ToList(), actor.Role);
            var claimed = await households.ClaimedElsewhere(command.Members.Select(m => m.Facts.IdNumber), id, http.RequestAborted);
            return RegisterHouseholdDecision.Decide(command, now, claimed, errors);
        });
    }
}
