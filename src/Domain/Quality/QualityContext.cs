using Registry.Domain.Households;
using Registry.Domain.Policy;

namespace Registry.Domain.Quality;

/// <summary>What the rules see: the households of a unit, the day of the run, the campaign year and its lines.</summary>
public sealed class QualityContext
{
    public QualityContext(IReadOnlyList<Household> households, DateOnly today, int campaignYear, Func<string, int, PolicyLine?> lines)
    {
        Households = households;
        Today = today;
        CampaignYear = campaignYear;
        Lines = lines;
        HouseholdsByPhone = households
            .SelectMany(h => h.Members.Where(m => m.Facts.Phone is not null).Select(m => (Phone: PhoneKey(m.Facts.Phone!), h.Id)))
            .GroupBy(x => x.Phone)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(x => x.Id).ToHashSet());
        HouseholdsByPerson = households
            .SelectMany(h => h.Members.Select(m => (m.Facts.IdNumber, h.Id)))
            .GroupBy(x => x.IdNumber)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(x => x.Id).ToHashSet());
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
