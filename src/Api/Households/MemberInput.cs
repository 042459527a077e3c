using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Api.Households;

/// <summary>A member as clients send it (API.md "Member"); enums are nullable so a missing one is reported, not defaulted.</summary>
public sealed record MemberInput(
    string? Name,
    string? IdNumber,
    Relation? Relation,
    string? Phone = null,
    SchoolStatus? SchoolStatus = null,
    Health? Health = null,
    Disability? Disability = null,
    LaborCapacity? LaborCapacity = null,
    WorkStatus? WorkStatus = null,
    Sex? Sex = null,
    DateOnly? BirthDate = null,
    bool? MedicalInsurance = null,
    bool? PensionInsurance = null,
    bool? MinimumLivingAllowance = null,
    bool? ExtremePovertySupport = null,
    string? WorkPlace = null,
    int? WorkMonths = null)
{
    public MemberFacts ToFacts(Errors errors, string prefix)
    {
        if (Relation is null) errors.Add($"{prefix}relation", "field.required", "relation is required.");
        return new MemberFacts(Name ?? "", IdNumber ?? "", Relation ?? Domain.Households.Relation.Other, Phone, SchoolStatus, Health,
            Disability, LaborCapacity, WorkStatus, Sex, BirthDate, MedicalInsurance, PensionInsurance, MinimumLivingAllowance, ExtremePovertySupport,
            WorkPlace, WorkMonths);
    }
}
