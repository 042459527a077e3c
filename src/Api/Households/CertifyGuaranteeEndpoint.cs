using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record CertifyGuaranteeRequest(GuaranteeStatus? Status, string? Note, DateOnly? CertifiedOn);

/// <summary>两不愁三保障: each guarantee certified by its department (FoodClothing by the town).</summary>
public static class CertifyGuaranteeEndpoint
{
    [WolverinePut("/api/households/{id}/guarantees/{kind}")]
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
