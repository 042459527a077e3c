using System.Collections.Immutable;

namespace Registry.Domain.Tests;

public class PolicyLineSpecs
{
    private const string Town = "500101001000";

    private static Outcome WhenSetting(SetPolicyLine command, UnitPolicyLines? state = null) =>
        When(() => SetPolicyLineDecision.Decide(command, state, Now));

    private static UnitPolicyLines Lines(string unit, params PolicyLine[] lines) =>
        new(unit, lines.ToImmutableSortedDictionary(l => l.Year, l => l));

    [Fact]
    public void A_unit_sets_its_lines_for_a_year_with_a_reason() =>
        WhenSetting(new SetPolicyLine(Town, 2020, 4200m, 6300m, "镇级提标"))
            .Then(new PolicyLineSet(Town, 2020, 4200m, 6300m, RegistryCalendar.Today(Now)));

    [Fact]
    public void Setting_the_same_lines_again_records_nothing() =>
        WhenSetting(new SetPolicyLine(Town, 2020, 4200m, 6300m, "重复"), Lines(Town, new PolicyLine(2020, 4200m, 6300m))).Then();

    [Fact]
    public void A_change_needs_a_reason() =>
        WhenSetting(new SetPolicyLine(Town, 2020, 4200m, 6300m, " ")).ThenInvalidExactly(("reason", "field.required"));

    [Fact]
    public void The_monitoring_line_is_not_below_the_poverty_line() =>
        WhenSetting(new SetPolicyLine(Town, 2020, 4200m, 4000m, "x")).ThenRefused("policy.monitoring-below-poverty");

    [Theory]
    [InlineData(2013)]
    [InlineData(2099)]
    public void The_year_is_plausible(int year) =>
        WhenSetting(new SetPolicyLine(Town, year, 4200m, 6300m, "x")).ThenInvalidExactly(("year", "year.out-of-range"));

    [Fact]
    public void A_households_lines_are_those_of_its_nearest_unit_that_set_the_year()
    {
        var district = Lines("500101000000", new PolicyLine(2019, 3750m, 5600m), new PolicyLine(2020, 4000m, 6000m));
        var town = Lines(Town, new PolicyLine(2020, 4200m, 6300m));
        var lines = UnitPolicyLines.Nearest([null, town, district]);
        lines(2020).ShouldBe(new PolicyLine(2020, 4200m, 6300m));
        lines(2019).ShouldBe(new PolicyLine(2019, 3750m, 5600m));
        lines(2018).ShouldBeNull();
    }

    [Fact]
    public void Evolving_keeps_the_latest_lines_of_each_year()
    {
        var state = new object[]
        {
            new PolicyLineSet(Town, 2020, 4200m, 6300m, new DateOnly(2020, 3, 1)),
            new PolicyLineSet(Town, 2019, 3800m, 5700m, new DateOnly(2020, 3, 1)),
            new PolicyLineSet(Town, 2020, 4300m, 6400m, new DateOnly(2020, 6, 1)),
        }.Aggregate((UnitPolicyLines?)null, UnitPolicyLines.Evolve)!;
        state.Lines.Values.ShouldBe([new PolicyLine(2019, 3800m, 5700m), new PolicyLine(2020, 4300m, 6400m)]);
    }
}
