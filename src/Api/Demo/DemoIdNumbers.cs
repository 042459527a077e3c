using Registry.Domain.People;

namespace Registry.Api.Demo;

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
            var sequence = random.Next(0, 500) * 2 + (sex == Sex.Male ? 1 : 0);
            var first17 = $"{regionCode}{birthDate:yyyyMMdd}{sequence:D3}";
            var number = first17 + ResidentIdNumber.CheckDigit(first17);
            if (_issued.Add(number)) return number;
        }
    }
}
