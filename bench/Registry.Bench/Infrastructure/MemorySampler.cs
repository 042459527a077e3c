using System.Diagnostics;
using System.Globalization;

namespace Registry.Bench.Infrastructure;

public sealed record MemorySample(TimeSpan At, double RssMb, double HwmMb, double GcHeapMb);

/// <summary>Samples the API's resident set (VmRSS, VmHWM from /proc) and GC heap once a second.</summary>
public sealed class MemorySampler(int pid, RuntimeCounters? heap) : IAsyncDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public IReadOnlyList<MemorySample> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    public void Start()
    {
        var clock = Stopwatch.StartNew();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var (rss, hwm) = Read(pid);
                lock (_samples) _samples.Add(new MemorySample(clock.Elapsed, rss, hwm, heap?.HeapMb ?? double.NaN));
                try
                {
                    await Task.Delay(1000, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }

    public static (double RssMb, double HwmMb) Read(int pid)
    {
        double rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
        }
        return (rss / 1024, hwm / 1024);
    }

    private static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Least-squares slope in MB per minute.</summary>
    public static double Slope(IReadOnlyList<MemorySample> samples, Func<MemorySample, double> value)
    {
        var points = samples.Where(s => !double.IsNaN(value(s))).Select(s => (X: s.At.TotalMinutes, Y: value(s))).ToList();
        if (points.Count < 2) return double.NaN;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? double.NaN : points.Sum(p => (p.X - mx) * (p.Y - my)) / den;
    }
}
