using Registry.Domain.Common;

namespace Registry.Api.Infrastructure;

/// <summary>Query-string parsing with the same problem codes as bodies.</summary>
public static class Query
{
    public static T? Enum<T>(string field, string? raw) where T : struct, System.Enum
    {
        if (string.IsNullOrEmpty(raw)) return null;
        return EnumNames.TryParse<T>(raw, out var value)
            ? value
            : throw DomainRefusal.Invalid(field, "query.enum.unknown", $"'{raw}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
    }

    public static DateTimeOffset? Instant(string field, string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        return DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw DomainRefusal.Invalid(field, "query.instant.invalid", $"{field} is an ISO 8601 instant.");
    }

    /// <summary>A report's year: from the first year of the registration system to the current one; the current one when absent.</summary>
    public static int Year(string? raw, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(raw)) return RegistryCalendar.Today(now).Year;
        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
               && RegistryCalendar.IsPlausibleYear(year, now)
            ? year
            : throw DomainRefusal.Invalid("year", "query.year.invalid", $"year is a year from {RegistryCalendar.FirstYear} to the current one.");
    }

    /// <summary>A calendar date such as 2020-11-01.</summary>
    public static DateOnly? Date(string field, string? raw, string code)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value)
            ? value
            : throw DomainRefusal.Invalid(field, code, $"{field} is a date, e.g. 2020-11-01.");
    }

    public static bool? Boolean(string field, string? raw) => raw switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        _ => throw DomainRefusal.Invalid(field, "query.boolean.invalid", $"{field} is true or false."),
    };

    /// <summary>A whole number from 1, such as a sequence or a tree size.</summary>
    public static long? Positive(string field, string? raw, string code)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        return long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw DomainRefusal.Invalid(field, code, $"{field} is a whole number from 1.");
    }

    public static Guid? Id(string field, string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        return Guid.TryParse(raw, out var value) ? value : throw DomainRefusal.Invalid(field, "query.id.invalid", $"{field} is a UUID.");
    }
}

public static class Paging
{
    /// <summary>The most rows a page of a list route holds, where the route sets no limit of its own.</summary>
    public const int MaxPageSize = 500;

    public static (int Page, int PageSize) Parse(string? page, string? pageSize, int max, int defaultSize = 50)
    {
        var p = 1;
        var s = defaultSize;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, out p) || p < 1 || p > 100_000))
            throw DomainRefusal.Invalid("page", "query.page.invalid", "page is a whole number from 1.");
        if (!string.IsNullOrEmpty(pageSize) && (!int.TryParse(pageSize, out s) || s < 1 || s > max))
            throw DomainRefusal.Invalid("pageSize", "query.page-size.invalid", $"pageSize is a whole number from 1 to {max}.");
        return (p, s);
    }
}

/// <summary>A window of a stream: the events after a version, at most a limit of them.</summary>
public static class HistoryPage
{
    /// <returns>Null when neither is given: the whole stream.</returns>
    public static (long AfterVersion, int Limit)? Parse(string? afterVersion, string? limit, int max)
    {
        if (string.IsNullOrEmpty(afterVersion) && string.IsNullOrEmpty(limit)) return null;
        long after = 0;
        var size = max;
        if (!string.IsNullOrEmpty(afterVersion) && (!long.TryParse(afterVersion, out after) || after < 0))
            throw DomainRefusal.Invalid("afterVersion", "query.after-version.invalid", "afterVersion is a whole number from 0.");
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out size) || size < 1 || size > max))
            throw DomainRefusal.Invalid("limit", "query.limit.invalid", $"limit is a whole number from 1 to {max}.");
        return (after, size);
    }
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    /// <summary>Where a route pages by cursor: what to send as <c>after</c> for the next page; none on the last.</summary>
    public string? Next { get; init; }
}
