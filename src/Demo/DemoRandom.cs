namespace Registry.Demo;

/// <summary>Draws from the seeded generator only, so one seed always gives the same town.</summary>
public static class DemoRandom
{
    public static Guid NextGuid(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static decimal Between(this Random random, decimal low, decimal high) => low + (high - low) * (decimal)random.NextDouble();

    public static DateOnly DaysAfter(this Random random, DateOnly date, int min, int max) => date.AddDays(random.Next(min, max + 1));

    /// <summary>The index of one of the weights, each chosen in proportion to its weight.</summary>
    public static int Weighted(this Random random, IReadOnlyList<int> weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Count; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Count - 1;
    }
}
