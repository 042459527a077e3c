namespace Registry.Domain.Common;

/// <summary>Dates in the registry are China Standard Time calendar dates; instants are UTC.</summary>
public static class RegistryCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The first year of the registration (建档立卡) system; no record predates it.</summary>
    public const int FirstYear = 2014;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);

    public static bool IsPlausibleYear(int year, DateTimeOffset now) => year >= FirstYear && year <= Today(now).Year;
}
