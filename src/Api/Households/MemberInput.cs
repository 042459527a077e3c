using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Api.Households;

/// <summary>A new member as clients send it: name, ID number and relation are required.</summary>
public sealed record MemberInput : MemberFields
{
    public MemberFacts ToFacts(Errors errors, string prefix)
    {
        if (Relation is null) errors.Add($"{prefix}relation", "field.required", "relation is required.");
        return new MemberFacts(Name ?? "", IdNumber ?? "", Relation ?? Domain.Households.Relation.Other, Phone, SchoolStatus, Health,
            Disability, LaborCapacity, WorkStatus, Sex, BirthDate, MedicalInsurance, PensionInsurance, MinimumLivingAllowance, ExtremePovertySupport,
            WorkPlace, WorkMonths);
    }
}
