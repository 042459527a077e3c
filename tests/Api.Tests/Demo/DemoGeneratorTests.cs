using System.Text.Json;
using Registry.Demo;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Domain.Policy;

namespace Registry.Api.Tests.Demo;

public sealed class DemoGeneratorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly PolicyLine Line2020 = new(2020, 4000, 6000);

    private static DemoTown Generate(int seed = 7, PolicyLine? line = null) =>
        DemoGenerator.Generate(new DemoOptions { Seed = seed, Households = 300 }, line ?? Line2020);

    [Fact]
    public void Every_id_number_passes_the_domain_validator_is_unique_and_carries_the_members_birth_date_and_sex()
    {
        var members = Generate().Households.SelectMany(h => h.Registration.Members).ToList();

        members.Count.ShouldBeGreaterThan(600);
        members.Select(m => m.Facts.IdNumber).Distinct().Count().ShouldBe(members.Count);
        foreach (var member in members)
        {
            var (id, code, _) = ResidentIdNumber.Parse(member.Facts.IdNumber, Now);
            code.ShouldBeNull(member.Facts.IdNumber);
            id!.RegionCode.ShouldBe("500101");
            id.BirthDate.ShouldBe(member.Facts.BirthDate!.Value);
            id.Sex.ShouldBe(member.Facts.Sex!.Value);
            PersonName.Check(member.Facts.Name).ShouldBeNull();
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_town_and_another_seed_another()
    {
        var json = (DemoTown town) => JsonSerializer.Serialize(town.Households.Select(h => new { h.Registration, Actions = h.Actions.Select(a => (object)new { a.Role, a.Command }) }));

        json(Generate(seed: 11)).ShouldBe(json(Generate(seed: 11)));
        json(Generate(seed: 12)).ShouldNotBe(json(Generate(seed: 11)));
    }

    [Fact]
    public void Families_have_one_head_a_spouse_of_the_other_sex_and_relations_that_fit_each_sex()
    {
        var households = Generate().Households;
        foreach (var members in households.Select(h => h.Registration.Members.Select(m => m.Facts).ToList()))
        {
            var head = members.Single(m => m.Relation == Relation.Head);
            foreach (var spouse in members.Where(m => m.Relation == Relation.Spouse)) spouse.Sex.ShouldNotBe(head.Sex);
            foreach (var m in members.Where(m => m.Relation is Relation.Son or Relation.Grandson or Relation.Father or Relation.SonInLaw))
                m.Sex.ShouldBe(Sex.Male);
            foreach (var m in members.Where(m => m.Relation is Relation.Daughter or Relation.Granddaughter or Relation.Mother or Relation.DaughterInLaw))
                m.Sex.ShouldBe(Sex.Female);
            foreach (var child in members.Where(m => m.Relation is Relation.Son or Relation.Daughter))
                child.BirthDate!.Value.ShouldBeGreaterThan(head.BirthDate!.Value.AddYears(17));
        }
        households.Count(h => h.Registration.Members.Count == 1).ShouldBeGreaterThan(0);
        households.Count(h => h.Registration.Members.Any(m => m.Facts.Relation is Relation.Father or Relation.Mother)).ShouldBeGreaterThan(0);
        households.Count(h => h.Registration.Members.Any(m => m.Facts.Relation is Relation.Grandson or Relation.Granddaughter)).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(2020, 4000, 6000)]
    [InlineData(2023, 9000, 13000)]
    public void Incomes_lie_around_the_lines_of_the_year_they_are_given(int year, int poverty, int monitoring)
    {
        var town = Generate(line: new PolicyLine(year, poverty, monitoring));
        var perCapita = town.Households
            .SelectMany(h => h.Actions.Select(a => a.Command).OfType<AssessIncome>().Select(i =>
                (i.Wage + i.Business + i.Property + i.Transfer - i.ProductionCosts) / h.Registration.Members.Count))
            .ToList();

        town.Households.SelectMany(h => h.Actions.Select(a => a.Command).OfType<AssessIncome>()).ShouldAllBe(i => i.Year == year);
        perCapita.ShouldAllBe(p => p > poverty * 0.5m && p < monitoring * 2.3m);
        perCapita.Count(p => p < poverty).ShouldBeGreaterThan(10);
        perCapita.Count(p => p >= poverty && p < monitoring).ShouldBeGreaterThan(10);
        perCapita.Count(p => p >= monitoring).ShouldBeGreaterThan(10);
    }
}
