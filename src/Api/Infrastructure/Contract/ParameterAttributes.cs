namespace Registry.Api.Infrastructure.Contract;

/// <summary>What a route parameter read as text accepts: the shapes <see cref="Query"/>, <see cref="Paging"/> and the routes parse.</summary>
public enum ParamShape
{
    /// <summary>Free text; its example says what is meant.</summary>
    Text,
    /// <summary>One of an enum's English names.</summary>
    Enum,
    /// <summary>A calendar date, yyyy-MM-dd.</summary>
    Date,
    /// <summary>An ISO 8601 instant.</summary>
    Instant,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A whole number within <see cref="ParamAttribute.Minimum"/> and <see cref="ParamAttribute.Maximum"/>.</summary>
    Whole,
    /// <summary>A UUID.</summary>
    Uuid,
    /// <summary>A unit's 12-digit code (village, town, district).</summary>
    UnitCode,
}

/// <summary>
/// What one route parameter the route reads as text accepts, for the document: routes take their query strings as text so
/// that a malformed value answers a problem with its own code, which leaves the schema exporter seeing only strings.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ParamAttribute : Attribute
{
    public ParamAttribute(string name, ParamShape shape, string description) => (Name, Shape, Description) = (name, shape, description);

    public ParamAttribute(string name, Type enumType, string description) =>
        (Name, Shape, Description, EnumType) = (name, ParamShape.Enum, description, enumType);

    public string Name { get; }
    public ParamShape Shape { get; }
    public string Description { get; }
    public Type? EnumType { get; }
    public long Minimum { get; set; } = 1;
    public long Maximum { get; set; }
    public int MaxLength { get; set; }

    /// <summary>The only values a <see cref="ParamShape.Text"/> parameter takes.</summary>
    public string[]? Values { get; set; }

    /// <summary>The route refuses a request without it (400).</summary>
    public bool Required { get; set; }

    /// <summary>The example shown; each shape but <see cref="ParamShape.Text"/> has one of its own.</summary>
    public string? Example { get; set; }
}

/// <summary>The route pages by number (<c>page</c>, <c>pageSize</c>) and, where it names a next page, by cursor (<c>after</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PagedAttribute(int maxPageSize, int defaultPageSize = 50) : Attribute
{
    /// <param name="byCursor">Whether the route also takes <c>after</c>.</param>
    public IEnumerable<ParamAttribute> Params(bool byCursor) =>
    [
        new("page", ParamShape.Whole, byCursor ? "The page to read, from 1; not with after." : "The page to read, from 1.") { Maximum = 100_000 },
        new("pageSize", ParamShape.Whole, $"Rows per page, {defaultPageSize} when absent.") { Maximum = maxPageSize, Example = "20" },
        new("after", ParamShape.Text, "The next of the page before, for the page that follows it (keyset paging); not with page.")
        {
            Example = "500101120001.0197a3c25e107d4a9b1e3f2a6c8d0e11",
        },
    ];
}
