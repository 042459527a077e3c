namespace Registry.Api.Infrastructure;

/// <summary>
/// Carries an unknown enum value from the JSON converter to the problem document. The body is read by the endpoint
/// framework, which answers a failed read itself; the converter records the failure here so the answer can name the field.
/// </summary>
public sealed class EnumFailures
{
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
}
