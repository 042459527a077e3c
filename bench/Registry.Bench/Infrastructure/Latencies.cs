namespace Registry.Bench.Infrastructure;

/// <summary>Latencies of one measurement and what they add up to: throughput and percentiles.</summary>
public sealed record Latencies(int Count, int Errors, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public static Latencies From(IEnumerable<double> milliseconds, int errors, TimeSpan elapsed)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new Latencies(0, errors, elapsed, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Latencies(sorted.Length, errors, elapsed, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
