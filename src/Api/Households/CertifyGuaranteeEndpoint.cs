using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

public sealed record CertifyGuaranteeRequest(GuaranteeStatus? Status, string? Note, DateOnly? CertifiedOn);

/// <summary>两不愁三保障: each guarantee certified by its department (FoodClothing by the town).</summary>
public static class CertifyGuaranteeEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.ReadRegistry);

    [WolverinePut("/api/households/{id}/guarantees/{kind}", OperationId = "certifyGuarantee", Summary = "Certify one of the two assurances and three guarantees (两不愁三保障)", Description = "The responsible department certifies one guarantee (food and clothing, compulsory education, basic medical care, housing safety, drinking water) for the household. A household identified as poor is certified from the day of its identification on (an earlier certifiedOn: 422 guarantee.certified-before-identification).")]
    [Param("kind", typeof(GuaranteeKind), "Which guarantee.", Example = "Education")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Put(string kind, CertifyGuaranteeRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, ClaimsPrincipal user, TimeProvider clock)
    {
        var guarantee = Query.Enum<GuaranteeKind>("kind", kind)!.Value;
        if (request.Status is null) throw DomainRefusal.Invalid("status", "field.required", "status is required.");
        return HouseholdStreams.Answer(household, CertifyGuaranteeDecision.Decide(new CertifyGuarantee(guarantee, request.Status.Value, request.Note,
            request.CertifiedOn), household.Aggregate!.State, Actor.From(user).Role, clock.GetUtcNow()), request.Note);
    }
}
