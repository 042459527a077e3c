using System.Reflection;
using Registry.Domain.Common;
using Registry.Domain.Households;

namespace Registry.Projections;

/// <summary>Every domain event with its stable stored name (from <see cref="EventNameAttribute"/>).</summary>
public static class EventTypes
{
    public static readonly IReadOnlyDictionary<Type, string> Names = typeof(Household).Assembly.GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<EventNameAttribute>()))
        .Where(x => x.Attribute is not null)
        .ToDictionary(x => x.Type, x => x.Attribute!.Name);

    /// <summary>Events of household streams (as opposed to signed lists and problems, which have streams of their own).</summary>
    public static readonly IReadOnlyList<Type> HouseholdEvents = Names.Keys
        .Where(t => t.Namespace == typeof(Household).Namespace || t.Namespace == typeof(Domain.Procedures.ProcedureStarted).Namespace)
        .ToList();

    public static string SubjectOf(Type type) => type.Namespace switch
    {
        var ns when ns == typeof(Domain.Submissions.Submission).Namespace => "submission",
        var ns when ns == typeof(Domain.Quality.Problem).Namespace => "problem",
        var ns when ns == typeof(Domain.Policy.PolicyLine).Namespace => "policy-line",
        _ => "household",
    };

    public static string NameOf(Type type) => Names.TryGetValue(type, out var name)
        ? name
        : throw new InvalidOperationException($"{type.Name} has no [EventName].");
}
