using Registry.Domain.Common;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Carries an unknown enum value from the JSON converter to the problem document. The body is read by the endpoint
/// framework, which answers a failed read itself; the converter records the failure here so the answer can name the field.
/// </summary>
public sealed class EnumFailures
{
    public const string Code = "request.enum.unknown";

    private static readonly AsyncLocal<EnumFailures?> Ambient = new();

    public UnknownEnumValueException? First { get; private set; }

    public static EnumFailures? Current => Ambient.Value;

    /// <summary>Opens the request's scope; everything the request runs below this call shares it.</summary>
    public static Task Scope(HttpContext http, RequestDelegate next)
    {
        var failures = new EnumFailures();
        Ambient.Value = failures;
        http.Features.Set(failures);
        return next(http);
    }

    public void Record(UnknownEnumValueException failure) => First ??= failure;

    /// <summary>The failure as a field error; the JSON path (<c>$.members[0].relation</c>) names the field (<c>members[0].relation</c>).</summary>
    public static FieldError ErrorOf(UnknownEnumValueException failure)
    {
        var path = failure.Path ?? "";
        return new FieldError(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, Code, failure.Message);
    }
}
