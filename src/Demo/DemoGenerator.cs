using Registry.Api.Bulk;
using Registry.Domain.Policy;
using Registry.Domain.Procedures;

namespace Registry.Demo;

/// <summary>
/// A synthetic town from a seed: the same seed, size and policy line always give the same villages, people, ID numbers
/// and stories. The first households leave every kind of procedure in every state; the rest are drawn by weight.
/// </summary>
public static class DemoGenerator
{
    /// <summary>The namespace of demo household ids; never change it, or a second start would add the town again.</summary>
    private static readonly Guid Households = new("5d3e9a71-2c84-5f06-b1d9-64a0e7c3f812");

    public const int VillageCount = 8;

    public static DemoTown Generate(DemoOptions options, PolicyLine line)
    {
        var random = new Random(options.Seed);
        var villages = DemoNames.VillageNames.Take(VillageCount)
            .Select((name, i) => new DemoVillage($"{options.TownCode[..9]}{201 + i:D3}", name, IsPoorVillage: i % 3 == 0))
            .ToList();
        var region = options.TownCode[..6];
        var people = new DemoPeople(random, new DemoIdNumbers(region, random), new DateOnly(line.Year, 1, 1));
        var stories = new DemoStories(random, line, new DemoFamilies(random, people), new DemoProcedures(random, options.TownName));

        var plan = EveryState().ToList();
        var kinds = DemoStories.Weights.Keys.ToList();
        var weights = kinds.Select(k => DemoStories.Weights[k]).ToList();
        while (plan.Count < options.Households) plan.Add((kinds[random.Weighted(weights)], null));

        var households = plan.Take(options.Households)
            .Select((p, i) => stories.Tell(NameBasedId.Create(Households, $"{options.TownCode}/{options.Seed}/{i}"), DemoNames.Pick(random, villages), p.Story, p.Stage))
            .ToList();
        return new DemoTown(options.TownCode, options.TownName, line.Year, villages, households);
    }

    /// <summary>One household for each state of each kind of procedure.</summary>
    private static IEnumerable<(DemoStory Story, DemoStage? Stage)> EveryState()
    {
        var storyOf = new Dictionary<ProcedureKind, DemoStory[]>
        {
            [ProcedureKind.Identification] = [DemoStory.Identifying, DemoStory.Returning],
            [ProcedureKind.Exit] = [DemoStory.Exiting],
            [ProcedureKind.Monitoring] = [DemoStory.ExitedMonitored, DemoStory.Marginal],
            [ProcedureKind.RiskElimination] = [DemoStory.RiskEliminating],
            [ProcedureKind.Removal] = [DemoStory.Removing],
        };
        foreach (var kind in Enum.GetValues<ProcedureKind>())
        {
            var stages = DemoStage.AllOf(ProcedureCatalog.Default.Latest(kind)).ToList();
            for (var i = 0; i < stages.Count; i++) yield return (storyOf[kind][i % storyOf[kind].Length], stages[i]);
        }
    }
}
