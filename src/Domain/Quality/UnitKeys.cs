using System.Collections;
using Registry.Domain.Households;

namespace Registry.Domain.Quality;

/// <summary>
/// What the rules that look across households need of a whole unit: which households hold each ID number and each
/// phone number. Gathered household by household, so a run can check a unit in batches and still see all of it. Almost
/// every number has one holder, so a number keeps its first holder alone and only a shared one a set: a district's
/// numbers fit in a fraction of the memory a set each would take.
/// </summary>
public sealed class UnitKeys
{
    private readonly Holders _byPhone = new();
    private readonly Holders _byPerson = new();

    public static UnitKeys Of(IEnumerable<Household> households)
    {
        var keys = new UnitKeys();
        foreach (var household in households) keys.Add(household);
        return keys;
    }

    public void Add(Household household) =>
        Add(household.Id, household.Members.Select(m => m.Facts.IdNumber), household.Members.Select(m => m.Facts.Phone));

    /// <summary>Adds a household by its members' ID and phone numbers alone, for a reader that does not load whole households.</summary>
    public void Add(Guid household, IEnumerable<string> idNumbers, IEnumerable<string?> phones)
    {
        foreach (var idNumber in idNumbers) _byPerson.Add(idNumber, household);
        foreach (var phone in phones)
            if (phone is not null) _byPhone.Add(QualityContext.PhoneKey(phone), household);
    }

    public IReadOnlyDictionary<string, IReadOnlySet<Guid>> ByPhone() => _byPhone;

    public IReadOnlyDictionary<string, IReadOnlySet<Guid>> ByPerson() => _byPerson;

    private sealed class Holders : IReadOnlyDictionary<string, IReadOnlySet<Guid>>
    {
        private readonly Dictionary<string, Guid> _first = [];
        private readonly Dictionary<string, HashSet<Guid>> _shared = [];

        public void Add(string key, Guid household)
        {
            if (_first.TryAdd(key, household)) return;
            var first = _first[key];
            if (first == household) return;
            if (!_shared.TryGetValue(key, out var holders)) _shared[key] = holders = [first];
            holders.Add(household);
        }

        public bool TryGetValue(string key, out IReadOnlySet<Guid> value)
        {
            if (_shared.TryGetValue(key, out var holders)) value = holders;
            else if (_first.TryGetValue(key, out var only)) value = new HashSet<Guid> { only };
            else
            {
                value = null!;
                return false;
            }
            return true;
        }

        public IReadOnlySet<Guid> this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => _first.Keys;

        public IEnumerable<IReadOnlySet<Guid>> Values => Keys.Select(k => this[k]);

        public int Count => _first.Count;

        public bool ContainsKey(string key) => _first.ContainsKey(key);

        public IEnumerator<KeyValuePair<string, IReadOnlySet<Guid>>> GetEnumerator() =>
            Keys.Select(k => KeyValuePair.Create(k, this[k])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
