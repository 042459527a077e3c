using System.Linq.Expressions;
using Registry.Domain.Procedures;

namespace Registry.Domain.Households;

/// <summary>The date from which each event's fact holds (the effective axis, beside the recorded instant).</summary>
public static class EventFacts
{
    private sealed record Fact(string Property, Func<object, DateOnly?> Read);

    private static readonly IReadOnlyDictionary<Type, Fact> Facts = new (Type, Fact)[]
    {
        On<HouseholdRegistered>(e => e.RegisteredOn),
        On<MemberJoined>(e => e.EffectiveDate),
        On<MemberLeft>(e => e.EffectiveDate),
        On<MemberFactsChanged>(e => e.EffectiveDate),
        On<IncomeAssessed>(e => e.AssessedOn),
        On<IncomeVerified>(e => e.VerifiedOn),
        On<GuaranteeCertified>(e => e.CertifiedOn),
        On<RisksRecorded>(e => e.RecordedOn),
        On<AssistanceRecorded>(e => e.StartedOn),
        On<HouseholdCorrected>(e => e.CorrectedOn),
        On<HouseholdVisited>(e => e.VisitedOn),
        On<HouseholdFactsRecorded>(e => e.RecordedOn),
        On<HeadChanged>(e => e.EffectiveDate),
        On<ResponsibleAssigned>(e => e.Since),
        On<NotEnjoyingPolicyCleared>(e => e.EffectiveDate),
        On<MembersSplitOff>(e => e.EffectiveDate),
        On<HouseholdSplitFrom>(e => e.EffectiveDate),
        On<HouseholdMergedIn>(e => e.EffectiveDate),
        On<HouseholdMergedInto>(e => e.EffectiveDate),
        On<ProcedureStarted>(e => e.StartedOn),
        On<ProcedureStepRecorded>(e => e.OccurredOn),
        On<ProcedureClosed>(e => e.ClosedOn),
        On<HouseholdIdentifiedAsPoor>(e => e.EffectiveDate),
        On<GuaranteeCertificationsCleared>(e => e.EffectiveDate),
        On<HouseholdMarkedPreExit>(e => e.EffectiveDate),
        On<HouseholdExited>(e => e.EffectiveDate),
        On<MonitoringIdentified>(e => e.EffectiveDate),
        On<RiskEliminated>(e => e.EffectiveDate),
        On<HouseholdRemoved>(e => e.EffectiveDate),
        On<NotEnjoyingPolicyFlagged>(e => e.EffectiveDate),
    }.ToDictionary(x => x.Item1, x => x.Item2);

    public static DateOnly? EffectiveOn(object @event) => Facts.TryGetValue(@event.GetType(), out var fact) ? fact.Read(@event) : null;

    /// <summary>
    /// Whether the event's effective date is a person's birth date: a newborn joins its household on the day it is born. With
    /// the village and the last characters of the ID number a masked view shows, that date would rebuild the whole number.
    /// </summary>
    public static bool DatesABirth(object @event) => @event is MemberJoined { Reason: IncreaseReason.Birth };

    /// <summary>The effective date as a view may show it: none for a birth where the view may not show birth dates.</summary>
    public static DateOnly? EffectiveOnShown(object @event, bool birthDatesShown) =>
        !birthDatesShown && DatesABirth(@event) ? null : EffectiveOn(@event);

    /// <summary>The name of the property that holds an event type's effective date, for readers of the stored event; null where it has none.</summary>
    public static string? EffectiveOnProperty(Type eventType) => Facts.TryGetValue(eventType, out var fact) ? fact.Property : null;

    private static (Type, Fact) On<T>(Expression<Func<T, DateOnly?>> property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        var read = property.Compile();
        return (typeof(T), new Fact(((MemberExpression)body).Member.Name, e => read((T)e)));
    }
}
