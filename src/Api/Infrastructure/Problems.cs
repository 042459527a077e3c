using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure;

/// <summary>RFC 9457 problem documents with the stable <c>code</c> extension.</summary>
public static class Problems
{
    public static ProblemDetails Create(int status, string code, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Type = $"https://httpstatuses.io/{status}",
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = ErrorsOf(errors);
        return problem;
    }

    /// <summary>The <c>errors</c> extension: per field, each error's code and message.</summary>
    private static Dictionary<string, object[]> ErrorsOf(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => (object)new { e.Code, e.Message }).ToArray());

    public static IResult Result(int status, string code, string detail, IReadOnlyList<FieldError>? errors = null) =>
        Results.Problem(Create(status, code, detail, errors));

    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>Problems written by the framework (malformed JSON, unknown route) get a stable code too.</summary>
    public static void EnsureCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return;
        // The endpoint framework answers an unreadable body itself; an unknown enum value in it still gets its field named.
        if (problem.Status == 400 && context.HttpContext.Features.Get<EnumFailures>()?.First is { } unknown)
        {
            var error = EnumFailures.ErrorOf(unknown);
            problem.Detail = $"{error.Field}: {error.Message}";
            problem.Extensions["code"] = error.Code;
            problem.Extensions["errors"] = ErrorsOf([error]);
            return;
        }
        problem.Extensions["code"] = problem.Status switch
        {
            400 => "request.malformed",
            401 => "auth.unauthenticated",
            403 => "auth.forbidden",
            404 => "route.not-found",
            405 => "route.method-not-allowed",
            406 => "request.not-acceptable",
            413 => "request.too-large",
            415 => "request.unsupported-media-type",
            429 => "request.rate-limited",
            503 => "service.unavailable",
            _ => $"http.{problem.Status}",
        };
    }

    public static IResult From(DomainRefusal refusal) => Result(StatusOf(refusal.Kind), refusal.Code, refusal.Message, refusal.Errors);

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "Not allowed.",
        404 => "Not found.",
        409 => "Conflict.",
        413 => "The request is too large.",
        422 => "A business rule refused the command.",
        429 => "Too many requests.",
        503 => "The service is unavailable.",
        _ => "Error.",
    };
}
