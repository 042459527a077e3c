namespace Registry.Domain.Common;

/// <summary>How a refusal maps onto the contract's status codes.</summary>
public enum RefusalKind
{
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    Rule,
}

public sealed record FieldError(string Field, string Code, string Message);

/// <summary>A command refused by a business or validation rule; <see cref="Code"/> is stable and machine-readable.</summary>
public sealed class DomainRefusal(RefusalKind kind, string code, string message, IReadOnlyList<FieldError>? errors = null)
    : Exception(message)
{
    public RefusalKind Kind { get; } = kind;
    public string Code { get; } = code;
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

    public static DomainRefusal Invalid(IReadOnlyList<FieldError> errors) =>
        new(RefusalKind.Invalid, errors[0].Code, errors.Count == 1 ? errors[0].Message : "The request has invalid fields.", errors);

    public static DomainRefusal Invalid(string field, string code, string message) =>
        Invalid([new FieldError(field, code, message)]);

    public static DomainRefusal Rule(string code, string message) => new(RefusalKind.Rule, code, message);

    public static DomainRefusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);

    public static DomainRefusal NotFound(string code, string message) => new(RefusalKind.NotFound, code, message);

    public static DomainRefusal Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);

    /// <summary>
    /// Whether the caller was refused the record itself (its role, its unit, a record it may not see or that does not exist)
    /// before anything was decided about it, as against a decision that refused what the request asked.
    /// </summary>
    public bool RefusesTheCaller { get; private init; }

    public static DomainRefusal CallerForbidden(string code, string message) => new(RefusalKind.Forbidden, code, message) { RefusesTheCaller = true };

    public static DomainRefusal CallerNotFound(string code, string message) => new(RefusalKind.NotFound, code, message) { RefusesTheCaller = true };
}
