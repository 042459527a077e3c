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

    /// <summary>Events of household streams (as opposed to signed lists, problems, policy lines and units, which have streams of their own).</summary>
    public static readonly IReadOnlyList<Type> HouseholdEvents = Names.Keys.Where(t => t.IsAssignableTo(typeof(IHouseholdEvent))).ToList();

    /// <summary>The kind of stream an event belongs to, by the marker it carries.</summary>
    public static string SubjectOf(Type type) => type switch
    {
        _ when type.IsAssignableTo(typeof(IHouseholdEvent)) => "household",
        _ when type.IsAssignableTo(typeof(ISubmissionEvent)) => "submission",
        _ when type.IsAssignableTo(typeof(IProblemEvent)) => "problem",
        _ when type.IsAssignableTo(typeof(IPolicyLineEvent)) => "policy-line",
        _ when type.IsAssignableTo(typeof(IOrgUnitEvent)) => "org-unit",
        _ => throw new InvalidOperationException(
            $"{type.Name} names no stream kind (IHouseholdEvent, ISubmissionEvent, IProblemEvent, IPolicyLineEvent, IOrgUnitEvent)."),
    };

    public static string NameOf(Type type) => Names.TryGetValue(type, out var name)
        ? name
        : throw new InvalidOperationException($"{type.Name} has no [EventName].");
}
