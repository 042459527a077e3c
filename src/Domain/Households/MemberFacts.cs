namespace Registry.Domain.Households;

/// <summary>The facts kept about one household member.</summary>
public sealed record MemberFacts(
    string Name,
    string IdNumber,
    Relation Relation,
    string? Phone = null,
    SchoolStatus? SchoolStatus = null,
    Health? Health = null,
    Disability? Disability = null,
    LaborCapacity? LaborCapacity = null,
    WorkStatus? WorkStatus = null,
    People.Sex? Sex = null,
    DateOnly? BirthDate = null,
    bool? MedicalInsurance = null,
    bool? PensionInsurance = null,
    bool? MinimumLivingAllowance = null,
    bool? ExtremePovertySupport = null,
    string? WorkPlace = null,
    int? WorkMonths = null);

/// <summary>The fields a member update changes; a null field is left as it was.</summary>
public sealed record MemberFactChanges(
    string? Name = null,
    string? IdNumber = null,
    Relation? Relation = null,
    string? Phone = null,
    SchoolStatus? SchoolStatus = null,
    Health? Health = null,
    Disability? Disability = null,
    LaborCapacity? LaborCapacity = null,
    WorkStatus? WorkStatus = null,
    People.Sex? Sex = null,
    DateOnly? BirthDate = null,
    bool? MedicalInsurance = null,
    bool? PensionInsurance = null,
    bool? MinimumLivingAllowance = null,
    bool? ExtremePovertySupport = null,
    string? WorkPlace = null,
    int? WorkMonths = null)
{
    public bool ChangesNothing() => this == new MemberFactChanges();

    public MemberFacts ApplyTo(MemberFacts facts) => facts with
    {
        Name = Name ?? facts.Name,
        IdNumber = IdNumber ?? facts.IdNumber,
        Relation = Relation ?? facts.Relation,
        Phone = Phone ?? facts.Phone,
        SchoolStatus = SchoolStatus ?? facts.SchoolStatus,
        Health = Health ?? facts.Health,
        Disability = Disability ?? facts.Disability,
        LaborCapacity = LaborCapacity ?? facts.LaborCapacity,
        WorkStatus = WorkStatus ?? facts.WorkStatus,
        Sex = Sex ?? facts.Sex,
        BirthDate = BirthDate ?? facts.BirthDate,
        MedicalInsurance = MedicalInsurance ?? facts.MedicalInsurance,
        PensionInsurance = PensionInsurance ?? facts.PensionInsurance,
        MinimumLivingAllowance = MinimumLivingAllowance ?? facts.MinimumLivingAllowance,
        ExtremePovertySupport = ExtremePovertySupport ?? facts.ExtremePovertySupport,
        WorkPlace = WorkPlace ?? facts.WorkPlace,
        WorkMonths = WorkMonths ?? facts.WorkMonths,
    };

    /// <summary>Only the fields that really differ from what is on record.</summary>
    public MemberFactChanges Against(MemberFacts facts) => new(
        Name is not null && Name != facts.Name ? Name : null,
        IdNumber is not null && IdNumber != facts.IdNumber ? IdNumber : null,
        Relation is not null && Relation != facts.Relation ? Relation : null,
        Phone is not null && Phone != facts.Phone ? Phone : null,
        SchoolStatus is not null && SchoolStatus != facts.SchoolStatus ? SchoolStatus : null,
        Health is not null && Health != facts.Health ? Health : null,
        Disability is not null && Disability != facts.Disability ? Disability : null,
        LaborCapacity is not null && LaborCapacity != facts.LaborCapacity ? LaborCapacity : null,
        WorkStatus is not null && WorkStatus != facts.WorkStatus ? WorkStatus : null,
        Sex is not null && Sex != facts.Sex ? Sex : null,
        BirthDate is not null && BirthDate != facts.BirthDate ? BirthDate : null,
        MedicalInsurance is not null && MedicalInsurance != facts.MedicalInsurance ? MedicalInsurance : null,
        PensionInsurance is not null && PensionInsurance != facts.PensionInsurance ? PensionInsurance : null,
        MinimumLivingAllowance is not null && MinimumLivingAllowance != facts.MinimumLivingAllowance ? MinimumLivingAllowance : null,
        ExtremePovertySupport is not null && ExtremePovertySupport != facts.ExtremePovertySupport ? ExtremePovertySupport : null,
        WorkPlace is not null && WorkPlace != facts.WorkPlace ? WorkPlace : null,
        WorkMonths is not null && WorkMonths != facts.WorkMonths ? WorkMonths : null);

    public static MemberFactChanges From(MemberFacts facts) => new(facts.Name, facts.IdNumber, facts.Relation, facts.Phone, facts.SchoolStatus,
        facts.Health, facts.Disability, facts.LaborCapacity, facts.WorkStatus, facts.Sex, facts.BirthDate, facts.MedicalInsurance,
        facts.PensionInsurance, facts.MinimumLivingAllowance, facts.ExtremePovertySupport, facts.WorkPlace, facts.WorkMonths);
}
