using Registry.Domain.Common;
using Registry.Domain.People;

namespace Registry.Domain.Households;

/// <summary>A person belongs to at most one household at a time.</summary>
public static class PersonClaims
{
    public const string Code = "member.id-number.in-other-household";

    public static void EnsureFree(IEnumerable<string> idNumbers, IReadOnlySet<string> claimedElsewhere)
    {
        var taken = idNumbers.Where(claimedElsewhere.Contains).ToList();
        if (taken.Count > 0)
            throw DomainRefusal.Rule(Code, $"Already a member of another household: {string.Join(", ", taken.Select(ResidentIdNumber.Mask))}.");
    }
}
