using Marten;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record PersonView(string IdNumber, Guid HouseholdId, Guid MemberId, string Name, Relation Relation, string VillageCode,
    HouseholdStatus HouseholdStatus);

/// <summary>The household a person belongs to now.</summary>
public static class GetPersonEndpoint
{
    [WolverineGet("/api/persons/{idNumber}")]
    public static async Task<IResult> Get(string idNumber, HttpContext http, IQuerySession session, SensitiveReads reads)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadIdNumbers);
        var key = idNumber.Trim().ToUpperInvariant();
        var entry = await session.LoadAsync<PersonIndexEntry>(key, http.RequestAborted)
            ?? throw DomainRefusal.NotFound("person.not-found", "This person belongs to no household on record.");
        var household = await session.LoadAsync<HouseholdDetails>(entry.HouseholdId, http.RequestAborted)
            ?? throw DomainRefusal.NotFound("person.not-found", "This person belongs to no household on record.");
        actor.RequireJurisdiction(household.VillageCode);
        var member = household.State.FindMember(entry.MemberId)
            ?? throw DomainRefusal.NotFound("person.not-found", "This person belongs to no household on record.");
        await reads.Record(actor, http, household.Id, household.VillageCode, [key], "person-lookup");
        return Results.Ok(new PersonView(key, household.Id, member.MemberId, member.Facts.Name, member.Facts.Relation, household.VillageCode,
            household.Status));
    }
}
