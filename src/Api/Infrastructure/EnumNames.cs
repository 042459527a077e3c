namespace Registry.Api.Infrastructure;

/// <summary>Enums travel as their English names only, in bodies and query strings alike: no numbers, no other casing, no combinations.</summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? raw, out T value) where T : struct, Enum
    {
        value = default;
        return raw is not null && Enum.GetNames<T>().Contains(raw, StringComparer.Ordinal) && Enum.TryParse(raw, out value);
    }
}
