using System.Globalization;
using Registry.Domain.Common;

namespace Registry.Domain.People;

/// <summary>An 18-character resident identity number (GB 11643-1999): region, birth date, sequence, check digit.</summary>
public sealed record ResidentIdNumber(string Value, string RegionCode, DateOnly BirthDate, Sex Sex)
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>
    /// A number for a person born on <paramref name="birthDate"/>: the region, the birth date, a three-digit sequence
    /// whose last digit is odd for a man and even for a woman (from <paramref name="serial"/>, 0 to 499), and the check digit.
    /// </summary>
    public static string Compose(string regionCode, DateOnly birthDate, int serial, Sex sex)
    {
        var first17 = $"{regionCode}{birthDate:yyyyMMdd}{serial * 2 + (sex == Sex.Male ? 1 : 0):D3}";
        return first17 + CheckDigit(first17);
    }

    /// <summary>Parses and checks a number; the error is a stable code, or null when valid.</summary>
    public static (ResidentIdNumber? Id, string? Code, string? Message) Parse(string? raw, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(raw)) return (null, "member.id-number.required", "The resident ID number is required.");
        var value = raw.Trim().ToUpperInvariant();
        if (value.Length != 18) return (null, "member.id-number.length", "A resident ID number has 18 characters.");
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(value[i])) return (null, "member.id-number.format", "The first 17 characters of a resident ID number are digits.");
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X') return (null, "member.id-number.format", "The last character of a resident ID number is a digit or X.");
        var region = value[..6];
        if (region[0] is '0' or '9' || region[2..] == "0000" || region[4..] == "00") return (null, "member.id-number.region", "The region code of the ID number is not a county-level division.");
        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            return (null, "member.id-number.birth-date", "The birth date in the ID number is not a real date.");
        if (birth > RegistryCalendar.Today(now) || birth.Year < 1890)
            return (null, "member.id-number.birth-date", "The birth date in the ID number is in the future or implausibly early.");
        if (CheckDigit(value.AsSpan(0, 17)) != value[17])
            return (null, "member.id-number.checksum", "The check digit of the ID number is wrong.");
        var sex = (value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        return (new ResidentIdNumber(value, region, birth, sex), null, null);
    }

    public static string Mask(string idNumber) =>
        idNumber.Length <= 4 ? new string('*', idNumber.Length) : new string('*', idNumber.Length - 4) + idNumber[^4..];

    public int AgeOn(DateOnly date) => Age(BirthDate, date);

    /// <summary>The birth date an ID number on record carries (every number on record passed <see cref="Parse"/>).</summary>
    public static DateOnly? BirthDateOf(string idNumber) =>
        idNumber.Length == 18 && DateOnly.TryParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            ? birth : null;

    /// <summary>A member's age on a day: from the birth date on record, else from the one their ID number carries.</summary>
    public static int? AgeOf(DateOnly? birthDate, string idNumber, DateOnly on) => (birthDate ?? BirthDateOf(idNumber)) is { } b ? Age(b, on) : null;

    public static int Age(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        return birthDate.AddYears(age) > on ? age - 1 : age;
    }

    /// <summary>Whether a search text is shaped like an ID number (15 or 18 characters, digits and a final X), so it is sought as one.</summary>
    public static bool LooksLikeOne(string text) =>
        text.Length is 15 or 18 && text[..^1].All(char.IsAsciiDigit) && (char.IsAsciiDigit(text[^1]) || text[^1] is 'X' or 'x');
}
