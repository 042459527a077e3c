namespace Registry.Domain.Common;

/// <summary>The stable stored name of an event; never changes once events of it exist.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
