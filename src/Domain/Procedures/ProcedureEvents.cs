using Registry.Domain.Common;
using Registry.Domain.Households;

namespace Registry.Domain.Procedures;

public sealed record StepEvidence(
    int? Attendees = null,
    int? VotesFor = null,
    int? VotesAgainst = null,
    DateOnly? PublicityFrom = null,
    DateOnly? PublicityTo = null,
    string? DocumentRef = null);

[EventName("procedure.started.v1")]
public sealed record ProcedureStarted(Guid ProcedureId, ProcedureKind Kind, int DefinitionVersion, DateOnly StartedOn) : IHouseholdEvent;

[EventName("procedure.step-recorded.v1")]
public sealed record ProcedureStepRecorded(
    Guid ProcedureId,
    ProcedureKind Kind,
    int DefinitionVersion,
    string Step,
    StepOutcome Outcome,
    DateOnly OccurredOn,
    StepEvidence? Evidence,
    string? Note) : IHouseholdEvent;

[EventName("procedure.closed.v1")]
public sealed record ProcedureClosed(Guid ProcedureId, ProcedureKind Kind, ProcedureClosure Closure, DateOnly ClosedOn) : IHouseholdEvent;

[EventName("household.identified-as-poor.v1")]
public sealed record HouseholdIdentifiedAsPoor(
    Guid ProcedureId,
    int Year,
    bool ReturnedToPoverty,
    int DefinitionVersion,
    int PolicyYear,
    decimal PovertyLine,
    decimal? PerCapita,
    DateOnly EffectiveDate) : IHouseholdEvent;

/// <summary>
/// The departments' certifications of the household's guarantees (<paramref name="Kinds"/>, those certified either way) no longer
/// stand: it was identified as poor again, and its next exit needs a joint certification of its own (预脱贫户联合认证).
/// </summary>
[EventName("household.guarantee-certifications-cleared.v1")]
public sealed record GuaranteeCertificationsCleared(Guid ProcedureId, int DefinitionVersion, IReadOnlyList<Households.GuaranteeKind> Kinds, DateOnly EffectiveDate)
    : IHouseholdEvent;

[EventName("household.marked-pre-exit.v1")]
public sealed record HouseholdMarkedPreExit(Guid ProcedureId, int DefinitionVersion, DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.exited.v1")]
public sealed record HouseholdExited(
    Guid ProcedureId,
    int ExitYear,
    int DefinitionVersion,
    int PolicyYear,
    decimal PovertyLine,
    decimal PerCapita,
    DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.monitoring-identified.v1")]
public sealed record MonitoringIdentified(
    Guid ProcedureId,
    MonitoringKind Kind,
    IReadOnlyList<RiskType> Risks,
    int DefinitionVersion,
    int PolicyYear,
    decimal MonitoringLine,
    decimal PerCapita,
    DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.risk-eliminated.v1")]
public sealed record RiskEliminated(
    Guid ProcedureId,
    int DefinitionVersion,
    int PolicyYear,
    decimal MonitoringLine,
    decimal PerCapita,
    int AssistanceCount,
    DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.removed.v1")]
public sealed record HouseholdRemoved(Guid ProcedureId, int DefinitionVersion, DateOnly EffectiveDate) : IHouseholdEvent;

[EventName("household.not-enjoying-policy-flagged.v1")]
public sealed record NotEnjoyingPolicyFlagged(DateOnly EffectiveDate) : IHouseholdEvent;
