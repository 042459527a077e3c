using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record CertifyGuaranteeRequest(GuaranteeStatus? Status, string? Note, DateOnly? CertifiedOn);

/// <summary>两不愁三保障: each guarantee certified by its department (FoodClothing by the town).</summary>
public static class CertifyGuaranteeEndpoint
{
    [WolverinePut("/api/households/{id}/guarantees/{kind}", OperationId = "certifyGuarantee", Summary = "Certify one of the two assurances and three guarantees (两不愁三保障)", Description = "The responsible department certifies one guarantee (food and clothing, compulsory education, basic medical care, housing safety, drinking water) for the household.")]
    [ProducesResponseType<VersionResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(Guid id, string kind, CertifyGuaranteeRequest request, HttpContext http, HouseholdWrites households)
    {
        var guarantee = Query.Enum<GuaranteeKind>("kind", kind)!.Value;
        return households.Change(http, id, Permission.ReadRegistry, c =>
        {
            if (request.Status is null) throw DomainRefusal.Invalid("status", "field.required", "status is required.");
            return Task.FromResult(CertifyGuaranteeDecision.Decide(new CertifyGuarantee(guarantee, request.Status.Value, request.Note, request.CertifiedOn),
                c.State, c.Actor.Role, c.Now));
        }, reason: request.Note);
    }
}
