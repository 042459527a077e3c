using System.Diagnostics.CodeAnalysis;
using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Api.Households;

/// <summary>
/// A member's facts as every route receives them (API.md "Member"): one shape for a new member, a change and a
/// correction. Every fact is optional here; a route says which it requires, and a missing enum is reported, not defaulted.
/// </summary>
public record MemberFields
{
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public Relation? Relation { get; init; }
    public string? Phone { get; init; }
    public SchoolStatus? SchoolStatus { get; init; }
    public Health? Health { get; init; }
    public Disability? Disability { get; init; }
    public LaborCapacity? LaborCapacity { get; init; }
    public WorkStatus? WorkStatus { get; init; }
    public Sex? Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public bool? MedicalInsurance { get; init; }
    public bool? PensionInsurance { get; init; }
    public bool? MinimumLivingAllowance { get; init; }
    public bool? ExtremePovertySupport { get; init; }
    public string? WorkPlace { get; init; }
    public int? WorkMonths { get; init; }

    /// <summary>The facts sent, as a change to a member: what is not sent stays as it is.</summary>
    public MemberFactChanges Changes() => new(Name, IdNumber?.Trim().ToUpperInvariant(), Relation, Phone, SchoolStatus, Health, Disability,
        LaborCapacity, WorkStatus, Sex, BirthDate, MedicalInsurance, PensionInsurance, MinimumLivingAllowance, ExtremePovertySupport, WorkPlace, WorkMonths);
}

/// <summary>
/// A member as every answer shows one, current or former: the member's facts, the ID number masked unless the reader's role
/// may read it, the birth date likewise, and the age.
/// </summary>
public record MemberFactsView
{
    [SetsRequiredMembers]
    protected MemberFactsView(Guid memberId, MemberFacts facts, string idNumber, DateOnly? birthDate, int? age)
    {
        MemberId = memberId;
        Name = facts.Name;
        IdNumber = idNumber;
        Relation = facts.Relation;
        Phone = facts.Phone;
        SchoolStatus = facts.SchoolStatus;
        Health = facts.Health;
        Disability = facts.Disability;
        LaborCapacity = facts.LaborCapacity;
        WorkStatus = facts.WorkStatus;
        Sex = facts.Sex;
        BirthDate = birthDate;
        Age = age;
        MedicalInsurance = facts.MedicalInsurance;
        PensionInsurance = facts.PensionInsurance;
        MinimumLivingAllowance = facts.MinimumLivingAllowance;
        ExtremePovertySupport = facts.ExtremePovertySupport;
        WorkPlace = facts.WorkPlace;
        WorkMonths = facts.WorkMonths;
    }

    public required Guid MemberId { get; init; }
    public required string Name { get; init; }
    public required string IdNumber { get; init; }
    public required Relation Relation { get; init; }
    public string? Phone { get; init; }
    public SchoolStatus? SchoolStatus { get; init; }
    public Health? Health { get; init; }
    public Disability? Disability { get; init; }
    public LaborCapacity? LaborCapacity { get; init; }
    public WorkStatus? WorkStatus { get; init; }
    public Sex? Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public int? Age { get; init; }
    public bool? MedicalInsurance { get; init; }
    public bool? PensionInsurance { get; init; }
    public bool? MinimumLivingAllowance { get; init; }
    public bool? ExtremePovertySupport { get; init; }
    public string? WorkPlace { get; init; }
    public int? WorkMonths { get; init; }
}

/// <summary>A current member, with the date since which it belongs to the household.</summary>
public sealed record MemberView : MemberFactsView
{
    [SetsRequiredMembers]
    public MemberView(Guid memberId, MemberFacts facts, string idNumber, DateOnly? birthDate, int? age, DateOnly? since)
        : base(memberId, facts, idNumber, birthDate, age) => Since = since;

    /// <summary>When the member joined; null in a masked view for a member who joined by birth, since that day is the birth date.</summary>
    public required DateOnly? Since { get; init; }
}

/// <summary>A member who left (自然减少), with why and when.</summary>
public sealed record FormerMemberView : MemberFactsView
{
    [SetsRequiredMembers]
    public FormerMemberView(Guid memberId, MemberFacts facts, string idNumber, DateOnly? birthDate, int? age, DecreaseReason reason, DateOnly effectiveDate,
        string? note)
        : base(memberId, facts, idNumber, birthDate, age) => (Reason, EffectiveDate, Note) = (reason, effectiveDate, note);

    public required DecreaseReason Reason { get; init; }
    public required DateOnly EffectiveDate { get; init; }
    public string? Note { get; init; }
}
