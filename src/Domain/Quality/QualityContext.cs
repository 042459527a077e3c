using Registry.Domain.Households;
using Registry.Domain.Policy;

namespace Registry.Domain.Quality;

/// <summary>What the rules see: the households of a unit, the day of the run, the campaign year and its lines.</summary>
public sealed class QualityContext
{
    /// <param name="households">The households to check: the whole unit, or one batch of it.</param>
    /// <param name="unit">The unit's ID and phone numbers, when <paramref name="households"/> is a batch of it.</param>
    public QualityContext(IReadOnlyList<Household> households, DateOnly today, int campaignYear, Func<string, int, PolicyLine?> lines,
        UnitKeys? unit = null)
    {
        Households = households;
        Today = today;
        CampaignYear = campaignYear;
        Lines = lines;
        unit ??= UnitKeys.Of(households);
        HouseholdsByPhone = unit.ByPhone();
        HouseholdsByPerson = unit.ByPerson();
    }

    /// <summary>Phones compare by their digits: 023-58123456 and 02358123456 are one number.</summary>
    public static string PhoneKey(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    public IReadOnlyList<Household> Households { get; }

    public DateOnly Today { get; }

    public int CampaignYear { get; }

    /// <summary>The lines in effect for a village in a year (each unit may set its own).</summary>
    public Func<string, int, PolicyLine?> Lines { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<Guid>> HouseholdsByPhone { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<Guid>> HouseholdsByPerson { get; }
}
