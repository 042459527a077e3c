using Registry.Domain.People;

namespace Registry.Domain.Households;

/// <summary>
/// What the household's own records show of its guarantees (两不愁三保障数据), apart from what the departments certified. The
/// work plan's hard rule refuses an exit while these data show one unresolved, as the national system does (脱贫限制性设置).
/// Only what is recorded counts: housing or drinking water recorded unsafe, a member of compulsory-school age recorded out of
/// school (失学 or 辍学), a member recorded without basic medical insurance.
/// </summary>
public static class GuaranteeRecords
{
    /// <summary>Compulsory education's ages (九年义务教育, 6 to 15 years old).</summary>
    public static bool OfCompulsorySchoolAge(int? age) => age is >= 6 and <= 15;

    public static IReadOnlyList<(GuaranteeKind Kind, string Shown)> Unresolved(Household household, DateOnly on)
    {
        var open = new List<(GuaranteeKind, string)>();
        if (household.Facts?.HousingSafety == HousingSafety.Unsafe) open.Add((GuaranteeKind.Housing, "housing recorded unsafe"));
        if (household.Facts?.DrinkingWaterSafety == DrinkingWaterSafety.Unsafe) open.Add((GuaranteeKind.Water, "drinking water recorded unsafe"));
        var outOfSchool = household.Members.Count(m => m.Facts.SchoolStatus is SchoolStatus.DroppedOut or SchoolStatus.NotInSchool
            && OfCompulsorySchoolAge(ResidentIdNumber.AgeOf(m.Facts.BirthDate, m.Facts.IdNumber, on)));
        if (outOfSchool > 0) open.Add((GuaranteeKind.Education, $"{outOfSchool} of compulsory-school age recorded out of school"));
        var uninsured = household.Members.Count(m => m.Facts.MedicalInsurance == false);
        if (uninsured > 0) open.Add((GuaranteeKind.Medical, $"{uninsured} recorded without basic medical insurance"));
        return open;
    }
}
