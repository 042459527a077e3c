using Registry.Domain.Common;

namespace Registry.Domain.Households;

/// <summary>The household's own facts that information collection asks for: causes of poverty, housing and drinking-water safety.</summary>
public sealed record HouseholdFacts(IReadOnlyList<PovertyCause> PovertyCauses, HousingSafety? HousingSafety, DrinkingWaterSafety? DrinkingWaterSafety);

[EventName("household.facts-recorded.v1")]
public sealed record HouseholdFactsRecorded(IReadOnlyList<PovertyCause> PovertyCauses, HousingSafety? HousingSafety, DrinkingWaterSafety? DrinkingWaterSafety,
    DateOnly RecordedOn) : IHouseholdEvent;

public sealed record RecordHouseholdFacts(IReadOnlyList<PovertyCause>? PovertyCauses, HousingSafety? HousingSafety, DrinkingWaterSafety? DrinkingWaterSafety,
    string? Reason, DateOnly? RecordedOn = null);

public static class RecordHouseholdFactsDecision
{
    public const int MaxCauses = 3;

    public static object[] Decide(RecordHouseholdFacts command, Household state, DateTimeOffset now)
    {
        HouseholdGuards.EnsureOpen(state);
        var errors = new Errors();
        var causes = command.PovertyCauses ?? [];
        if (causes.Count is < 1 or > MaxCauses)
            errors.Add("povertyCauses", "household.poverty-causes.count", $"Name 1 to {MaxCauses} causes of poverty, the main one first.");
        else if (causes.Distinct().Count() != causes.Count)
            errors.Add("povertyCauses", "household.poverty-causes.repeated", "A cause of poverty is named once.");
        Text.Required(errors, "reason", command.Reason, 500);
        var on = command.RecordedOn ?? RegistryCalendar.Today(now);
        Text.NotInFuture(errors, "recordedOn", on, now);
        errors.ThrowIfAny();
        var facts = new HouseholdFacts(causes, command.HousingSafety, command.DrinkingWaterSafety);
        if (state.Facts is { } current && current.PovertyCauses.SequenceEqual(facts.PovertyCauses)
            && current.HousingSafety == facts.HousingSafety && current.DrinkingWaterSafety == facts.DrinkingWaterSafety)
            return [];
        return [new HouseholdFactsRecorded(causes.ToList(), command.HousingSafety, command.DrinkingWaterSafety, on)];
    }
}
