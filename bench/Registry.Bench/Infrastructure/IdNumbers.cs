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
        return ResidentIdNumber.Compose(region, FirstBirth.AddDays(n / 500), n % 500, male ? Sex.Male : Sex.Female);
    }
}
