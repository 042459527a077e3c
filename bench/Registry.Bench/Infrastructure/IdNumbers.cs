using Registry.Domain.People;

namespace Registry.Bench.Infrastructure;

/// <summary>Valid, distinct resident ID numbers; each series has its own region code so phases never collide.</summary>
public sealed class IdNumbers(string region)
{
    private static readonly DateOnly FirstBirth = new(1940, 1, 1);
    private int _next;

    public string Next(bool male)
    {
        var n = Interlocked.Increment(ref _next);
        var birth = FirstBirth.AddDays(n / 500);
        var first17 = $"{region}{birth:yyyyMMdd}{n % 500 * 2 + (male ? 1 : 0):D3}";
        return first17 + ResidentIdNumber.CheckDigit(first17);
    }
}
