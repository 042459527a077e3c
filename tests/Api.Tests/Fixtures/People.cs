using Registry.Domain.People;

namespace Registry.Api.Tests.Fixtures;

/// <summary>Synthetic, valid-checksum resident ID numbers; each call gives a number never given before in this run.</summary>
public static class People
{
    private static int _sequence = Random.Shared.Next(0, 500);

    public static string IdNumber(bool male, int birthYear = 1970, string region = "500101")
    {
        var n = Interlocked.Increment(ref _sequence);
        var day = new DateOnly(birthYear, 1, 1).AddDays(n / 500 % 365);
        var seq = n % 500 * 2 + (male ? 1 : 0);
        var first17 = $"{region}{day:yyyyMMdd}{seq:D3}";
        return first17 + ResidentIdNumber.CheckDigit(first17);
    }
}
