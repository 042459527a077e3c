using Registry.Domain.Households;

namespace Registry.Domain.Quality;

/// <summary>
/// What the rules that look across households need of a whole unit: which households hold each ID number and each
/// phone number. Gathered household by household, so a run can check a unit in batches and still see all of it.
/// </summary>
public sealed class UnitKeys
{
    private readonly Dictionary<string, HashSet<Guid>> _byPhone = [];
    private readonly Dictionary<string, HashSet<Guid>> _byPerson = [];
    private IReadOnlyDictionary<string, IReadOnlySet<Guid>>? _phones;
    private IReadOnlyDictionary<string, IReadOnlySet<Guid>>? _persons;

    public static UnitKeys Of(IEnumerable<Household> households)
    {
        var keys = new UnitKeys();
        foreach (var household in households) keys.Add(household);
        return keys;
    }

    public void Add(Household household)
    {
        _phones = _persons = null;
        foreach (var member in household.Members)
        {
            Holders(_byPerson, member.Facts.IdNumber).Add(household.Id);
            if (member.Facts.Phone is { } phone) Holders(_byPhone, QualityContext.PhoneKey(phone)).Add(household.Id);
        }
    }

    public IReadOnlyDictionary<string, IReadOnlySet<Guid>> ByPhone() => _phones ??= Frozen(_byPhone);

    public IReadOnlyDictionary<string, IReadOnlySet<Guid>> ByPerson() => _persons ??= Frozen(_byPerson);

    private static HashSet<Guid> Holders(Dictionary<string, HashSet<Guid>> index, string key)
    {
        if (!index.TryGetValue(key, out var holders)) index[key] = holders = [];
        return holders;
    }

    private static Dictionary<string, IReadOnlySet<Guid>> Frozen(Dictionary<string, HashSet<Guid>> index) =>
        index.ToDictionary(e => e.Key, e => (IReadOnlySet<Guid>)e.Value);
}
