namespace Registry.Bench.Infrastructure;

/// <summary>
/// Rounds of unmeasured work until the API's JIT has settled: until a round compiles fewer methods than
/// <see cref="SettledShare"/> of those compiled so far (a server's steady state, which a few seconds do not reach: the API
/// compiles tens of thousands of methods, most of them twice or three times as they tier up).
/// </summary>
public static class JitSettling
{
    public const int MaxRounds = 12;
    public const double SettledShare = 0.005;

    /// <returns>The methods compiled after each round; empty when the API's runtime counters were not readable.</returns>
    public static async Task<IReadOnlyList<long>> Rounds(World world, int maxRounds, Func<int, Task> round)
    {
        using var counters = world.Process is { } api ? RuntimeCounters.TryStart(api.Pid) : null;
        var compiled = new List<long>();
        for (var r = 0; r < maxRounds; r++)
        {
            await round(r);
            if (counters is null) break;
            // No reading yet: the round counts as unsettled.
            if (counters.MethodsJitted < 0) continue;
            compiled.Add(counters.MethodsJitted);
            if (compiled.Count >= 2 && compiled[^1] - compiled[^2] < SettledShare * compiled[^1]) break;
        }
        return compiled;
    }
}
