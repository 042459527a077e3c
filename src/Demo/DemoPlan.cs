using Registry.Domain.Access;
using Registry.Domain.Households;

namespace Registry.Demo;

/// <summary>One command of a household's story and the role that gives it; the unit follows from the role's level.</summary>
public sealed record DemoAction(Role Role, object Command);

public sealed record DemoHousehold(RegisterHousehold Registration, IReadOnlyList<DemoAction> Actions)
{
    public Guid Id => Registration.HouseholdId;

    public IEnumerable<string> IdNumbers => Registration.Members.Select(m => m.Facts.IdNumber);
}

public sealed record DemoVillage(string Code, string Name, bool IsPoorVillage);

/// <summary>A synthetic town: its villages and households, each household a registration followed by its story.</summary>
public sealed record DemoTown(string Code, string Name, int Year, IReadOnlyList<DemoVillage> Villages, IReadOnlyList<DemoHousehold> Households);
