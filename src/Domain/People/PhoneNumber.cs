using System.Text.RegularExpressions;

namespace Registry.Domain.People;

/// <summary>Mainland mobile (11 digits starting 13-19) or landline (area code 0xx/0xxx, 7-8 digit number).</summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}-?[1-9]\d{6,7}$")]
    private static partial Regex Landline();

    public static string? Normalize(string? raw) => raw?.Trim().Replace(" ", "");

    public static bool IsValid(string value) => Mobile().IsMatch(value) || Landline().IsMatch(value);
}
