using Registry.Domain.People;

namespace Registry.Api.Tests.Fixtures;

/// <summary>Synthetic, valid-checksum resident ID numbers; each call gives a number never given before in this run.</summary>
public static class People
{
    private static int _sequence = Random.Shared.Next(0, 500);

    /// <summary>
    /// An ID number standing alone in a text: eighteen characters not inside a longer run of letters and digits, so a
    /// 32-digit hex id (a user or correlation id) that happens to hold eighteen decimal digits in a row is not one.
    /// </summary>
    public const string AnyIdNumber = "(?<![0-9A-Za-z])[0-9]{17}[0-9X](?![0-9A-Za-z])";

    public static string IdNumber(bool male, int birthYear = 1970, string region = "500101")
    {
        var n = Interlocked.Increment(ref _sequence);
        return ResidentIdNumber.Compose(region, new DateOnly(birthYear, 1, 1).AddDays(n / 500 % 365), n % 500, male ? Sex.Male : Sex.Female);
    }
}
