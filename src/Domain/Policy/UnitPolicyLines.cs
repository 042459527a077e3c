using System.Collections.Immutable;
using Registry.Domain.Common;

namespace Registry.Domain.Policy;

/// <summary>A unit set its poverty and monitoring lines for a year; who and why travel in the event's metadata.</summary>
[EventName("policy.line-set.v1")]
public sealed record PolicyLineSet(string UnitCode, int Year, decimal PovertyLine, decimal MonitoringLine, DateOnly SetOn) : IPolicyLineEvent;

/// <summary>The lines a unit has set, by year; a household's decisions use those of its nearest unit that has the year.</summary>
public sealed record UnitPolicyLines(string UnitCode, ImmutableSortedDictionary<int, PolicyLine> Lines)
{
    public static UnitPolicyLines? Evolve(UnitPolicyLines? state, object @event) => @event switch
    {
        PolicyLineSet e => (state ?? new UnitPolicyLines(e.UnitCode, ImmutableSortedDictionary<int, PolicyLine>.Empty)) with
        {
            Lines = (state?.Lines ?? ImmutableSortedDictionary<int, PolicyLine>.Empty).SetItem(e.Year, new PolicyLine(e.Year, e.PovertyLine, e.MonitoringLine)),
        },
        _ => state,
    };

    /// <summary>The lines in effect for a unit: those of the nearest of its units (itself first, then upwards) that set the year.</summary>
    public static Func<int, PolicyLine?> Nearest(IEnumerable<UnitPolicyLines?> nearestFirst)
    {
        var chain = nearestFirst.OfType<UnitPolicyLines>().ToList();
        return year => chain.Select(u => u.Lines.GetValueOrDefault(year)).FirstOrDefault(l => l is not null);
    }
}

public sealed record SetPolicyLine(string UnitCode, int? Year, decimal? PovertyLine, decimal? MonitoringLine, string? Reason);

public static class SetPolicyLineDecision
{
    public static object[] Decide(SetPolicyLine command, UnitPolicyLines? state, DateTimeOffset now)
    {
        var errors = new Errors();
        if (command.Year is not { } year || year < RegistryCalendar.FirstYear || year > RegistryCalendar.Today(now).Year + 1)
            errors.Add("year", "year.out-of-range", $"year must lie between {RegistryCalendar.FirstYear} and next year.");
        if (command.PovertyLine is not > 0) errors.Add("povertyLine", "policy.line.required", "povertyLine is a positive amount.");
        if (command.MonitoringLine is not > 0) errors.Add("monitoringLine", "policy.line.required", "monitoringLine is a positive amount.");
        Money.Check(errors, "povertyLine", command.PovertyLine);
        Money.Check(errors, "monitoringLine", command.MonitoringLine);
        Text.Required(errors, "reason", command.Reason, 500);
        errors.ThrowIfAny();
        if (command.MonitoringLine < command.PovertyLine)
            throw DomainRefusal.Rule("policy.monitoring-below-poverty", "The monitoring line is not below the poverty line.");
        if (state?.Lines.GetValueOrDefault(command.Year!.Value) is { } current
            && current.PovertyLine == command.PovertyLine && current.MonitoringLine == command.MonitoringLine)
            return [];
        return [new PolicyLineSet(command.UnitCode, command.Year!.Value, command.PovertyLine!.Value, command.MonitoringLine!.Value, RegistryCalendar.Today(now))];
    }
}
