using Registry.Domain.People;

namespace Registry.Demo;

/// <summary>
/// Issues synthetic resident ID numbers under one region code: the member's birth date, a sequence whose last digit
/// carries the sex, and the GB 11643 check digit the domain computes. No number is issued twice.
/// </summary>
public sealed class DemoIdNumbers(string regionCode, Random random)
{
    private readonly HashSet<string> _issued = [];

    public string Issue(DateOnly birthDate, Sex sex)
    {
        while (true)
        {
            var number = ResidentIdNumber.Compose(regionCode, birthDate, random.Next(0, 500), sex);
            if (_issued.Add(number)) return number;
        }
    }
}
