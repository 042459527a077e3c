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

    public static string NameOf(Type type) => Names.TryGetValue(type, out var name)
        ? name
        : throw new InvalidOperationException($"{type.Name} has no [EventName].");
}
