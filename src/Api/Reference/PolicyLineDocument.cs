using Registry.Domain.Policy;

namespace Registry.Api.Reference;

/// <summary>The lines of one year; the history of changes is kept in <see cref="Changes"/>.</summary>
public sealed record PolicyLineDocument(int Id, decimal PovertyLine, decimal MonitoringLine, string SetBy, DateTimeOffset SetAt, IReadOnlyList<PolicyLineChange> Changes)
{
    public PolicyLine ToLine() => new(Id, PovertyLine, MonitoringLine);
}

public sealed record PolicyLineChange(decimal PovertyLine, decimal MonitoringLine, string SetBy, string Role, DateTimeOffset SetAt);
