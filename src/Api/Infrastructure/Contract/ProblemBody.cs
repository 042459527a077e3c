namespace Registry.Api.Infrastructure.Contract;

/// <summary>
/// The RFC 9457 body of every refusal, as the contract documents it (<c>application/problem+json</c>); a body that is not
/// JSON also says where it broke (<c>lineNumber</c>, <c>bytePositionInLine</c>).
/// </summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail,
    string? Instance,
    string Code,
    IReadOnlyDictionary<string, IReadOnlyList<FieldProblem>>? Errors,
    string? TraceId,
    long? LineNumber = null,
    long? BytePositionInLine = null);

/// <summary>One refused field's stable code and message, under <c>errors[field]</c>.</summary>
public sealed record FieldProblem(string Code, string Message);
