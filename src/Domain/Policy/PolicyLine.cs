namespace Registry.Domain.Policy;

/// <summary>The year's poverty line (per-capita net income) and monitoring line (per-capita disposable income), in yuan.</summary>
public sealed record PolicyLine(int Year, decimal PovertyLine, decimal MonitoringLine);
