using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Policy;

namespace Registry.Demo;

public enum IncomeBand
{
    BelowPovertyLine,
    BetweenLines,
    AbovePovertyLine,
    AboveMonitoringLine,
}

/// <summary>Income assessments whose per-capita amount falls in a band around the year's poverty and monitoring lines.</summary>
public sealed class DemoIncomes(Random random, PolicyLine line)
{
    public AssessIncome Assess(IncomeBand band, IReadOnlyList<RegisteredMember> members, DateOnly assessedOn)
    {
        var poverty = line.PovertyLine;
        var monitoring = line.MonitoringLine;
        var perCapita = band switch
        {
            IncomeBand.BelowPovertyLine => poverty * random.Between(0.55m, 0.95m),
            IncomeBand.BetweenLines when monitoring > poverty * 1.1m => random.Between(poverty * 1.03m, monitoring * 0.97m),
            IncomeBand.BetweenLines => monitoring * random.Between(0.85m, 0.97m),
            IncomeBand.AbovePovertyLine => Math.Max(poverty * random.Between(1.1m, 2m), poverty + 100),
            _ => monitoring * random.Between(1.05m, 2.2m),
        };
        var net = Math.Round(perCapita * members.Count);
        var transfer = Math.Round(net * random.Between(0.1m, 0.35m));
        var property = Math.Round(net * random.Between(0m, 0.05m));
        var business = Math.Round(net * random.Between(0.05m, 0.3m));
        var costs = Math.Round(net * random.Between(0.02m, 0.1m));
        var wage = net + costs - transfer - property - business;
        // Without anyone able to work, what a household lives on is pensions and allowances.
        if (!members.Any(m => m.Facts.LaborCapacity is LaborCapacity.Skilled or LaborCapacity.Ordinary))
            (transfer, wage) = (transfer + wage, 0);
        return new AssessIncome(line.Year, Money.Round(wage), business, property, transfer, costs, assessedOn);
    }
}
