namespace Registry.Domain.Common;

public static class Text
{
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void Required(Errors errors, string field, string? value, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, "field.required", $"{field} is required.");
        else if (value.Length > maxLength) errors.Add(field, "field.too-long", $"{field} is longer than {maxLength} characters.");
    }

    public static void Optional(Errors errors, string field, string? value, int maxLength = 500)
    {
        if (value is not null && value.Length > maxLength) errors.Add(field, "field.too-long", $"{field} is longer than {maxLength} characters.");
    }

    public static void NotInFuture(Errors errors, string field, DateOnly? date, DateTimeOffset now)
    {
        if (date is null) return;
        if (date > RegistryCalendar.Today(now)) errors.Add(field, "date.in-future", $"{field} must not be in the future.");
        else if (date.Value.Year < 1900) errors.Add(field, "date.out-of-range", $"{field} is implausibly early.");
    }
}
