using System.Globalization;
using Registry.Domain.Access;

namespace Registry.Api.Console;

/// <summary>How the console writes values for people who read Chinese: labels of enums, dates and instants in China Standard Time.</summary>
public static class ConsoleText
{
    public static string Role(string? role) => Enum.TryParse<Role>(role, out var r) ? Label(r) : role ?? "";

    public static string Label<T>(T value) where T : struct, Enum => Bulk.EnumLabels.Label(value);

    public static string Instant(DateTimeOffset instant) =>
        instant.ToOffset(Domain.Common.RegistryCalendar.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
