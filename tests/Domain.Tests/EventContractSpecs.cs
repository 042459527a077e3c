using System.Reflection;
using Registry.Domain.Common;
using Registry.Domain.Households;

namespace Registry.Domain.Tests;

/// <summary>The event contract: every stored event has a stable name and belongs to exactly one kind of stream.</summary>
public sealed class EventContractSpecs
{
    private static readonly Type[] StreamKinds = [typeof(IHouseholdEvent), typeof(ISubmissionEvent), typeof(IProblemEvent), typeof(IPolicyLineEvent), typeof(IOrgUnitEvent)];

    private static IEnumerable<Type> NamedEvents() =>
        typeof(Household).Assembly.GetTypes().Where(t => t.GetCustomAttribute<EventNameAttribute>() is not null);

    [Fact]
    public void Every_named_event_carries_exactly_one_stream_kind_marker() =>
        NamedEvents().Where(t => StreamKinds.Count(t.IsAssignableTo) != 1).Select(t => t.Name).ShouldBeEmpty();

    [Fact]
    public void Every_event_carrying_a_stream_kind_marker_has_a_stable_name() =>
        typeof(Household).Assembly.GetTypes().Where(t => t.IsClass && StreamKinds.Any(t.IsAssignableTo))
            .Where(t => t.GetCustomAttribute<EventNameAttribute>() is null).Select(t => t.Name).ShouldBeEmpty();

    [Fact]
    public void Event_names_are_unique_and_versioned() =>
        NamedEvents().Select(t => t.GetCustomAttribute<EventNameAttribute>()!.Name)
            .GroupBy(n => n).Where(g => g.Count() > 1 || !System.Text.RegularExpressions.Regex.IsMatch(g.Key, @"^[a-z-]+\.[a-z-]+\.v\d+$"))
            .Select(g => g.Key).ShouldBeEmpty();
}
