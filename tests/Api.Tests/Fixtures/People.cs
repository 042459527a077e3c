using Registry.Domain.People;

namespace Registry.Api.Tests.Fixtures;

/// <summary>Synthetic, valid-checksum resident ID numbers; each call gives a number never given before in this run.</summary>
public static class People
{
    private static int _sequence = Random.Shared.Next(0, 500);

    public static string IdNumber(bool male, int birthYear = 1970, string region = "500101")
    {
        var n = Interlocked.Increment(ref _sequence);
        return ResidentIdNumber.Compose(region, new DateOnly(birthYear, 1, 1).AddDays(n / 500 % 365), n % 500, male ? Sex.Male : Sex.Female);
    }
}
