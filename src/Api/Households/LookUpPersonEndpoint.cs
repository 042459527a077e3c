using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure.Contract;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record LookUpPersonRequest(string? IdNumber);

public sealed record PersonView(string IdNumber, Guid HouseholdId, Guid MemberId, string Name, Relation Relation, string VillageCode,
    HouseholdStatus HouseholdStatus);

/// <summary>
/// The household a person belongs to now. The ID number travels in the body, never in a URL; every look-up, found or
/// not, is a sensitive read; a person outside the caller's unit is answered exactly as an unknown one.
/// </summary>
public static class LookUpPersonEndpoint
{
    [WolverinePost("/api/persons/lookup", OperationId = "lookUpPerson", Summary = "Find a person by ID number (按身份证号查人)", Description = "Finds which household a person belongs to by ID number, sent in the body so it never travels in a URL. Every look-up is logged.")]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType<PersonView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(LookUpPersonRequest request, HttpContext http, IQuerySession session, SensitiveReads reads)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadIdNumbers);
        var key = Text.Clean(request.IdNumber)?.ToUpperInvariant();
        if (key is null) throw DomainRefusal.Invalid("idNumber", "field.required", "idNumber is required.");
        if (key.Length > 18 || !ResidentIdNumber.LooksLikeOne(key))
            throw DomainRefusal.Invalid("idNumber", "member.id-number.format", "idNumber is an 18-character resident ID number.");
        var ct = http.RequestAborted;
        var entry = await session.LoadAsync<PersonIndexEntry>(key, ct);
        var household = entry is null ? null : await session.LoadAsync<HouseholdDetails>(entry.HouseholdId, ct);
        var member = household is not null && actor.Covers(household.VillageCode) ? household.State.FindMember(entry!.MemberId) : null;
        if (member is null)
        {
            await reads.RecordMiss(actor, http, "person-lookup");
            throw DomainRefusal.NotFound("person.not-found", "No person with this ID number in your unit.");
        }
        await reads.Record(actor, http, new ReadTarget(household!.Id, household.VillageCode, [member.MemberId]), "person-lookup");
        return Results.Ok(new PersonView(key, household.Id, member.MemberId, member.Facts.Name, member.Facts.Relation, household.VillageCode,
            household.Status));
    }
}
