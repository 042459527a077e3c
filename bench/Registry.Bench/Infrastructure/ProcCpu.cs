using System.Globalization;

namespace Registry.Bench.Infrastructure;

/// <summary>CPU seconds from /proc: one process's user+system time, and the whole machine's busy and total time.</summary>
public static class ProcCpu
{
    private const double TicksPerSecond = 100;

    public static double ProcessSeconds(int pid, bool withReapedChildren = false)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 to 17 of stat (utime, stime, cutime, cstime) are the 12th to 15th after the command name.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withReapedChildren) ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }

    /// <summary>
    /// User+system time of every process named <c>postgres</c> on this machine (the server's backends and helpers, of every
    /// cluster running here), with the time of those that ended (which the postmaster that reaped them carries as its
    /// children's time), so that the sum only grows; 0 when the server runs elsewhere.
    /// </summary>
    public static double PostgresSeconds()
    {
        double sum = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"{dir}/stat");
                var open = stat.IndexOf('(');
                if (stat[(open + 1)..stat.LastIndexOf(')')] == "postgres") sum += ProcessSeconds(pid, withReapedChildren: true);
            }
            catch (IOException)
            {
                // The process ended while the list was read.
            }
        }
        return sum;
    }

    public static (double Busy, double Total) Machine()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + values[4];
        var total = values.Take(8).Sum();
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}

/// <summary>CPU use over an interval: the API's and PostgreSQL's seconds and how busy the machine's cores were.</summary>
public sealed class CpuWindow(int? pid)
{
    private readonly double _process = pid is { } p ? ProcCpu.ProcessSeconds(p) : 0;
    private readonly (double Busy, double Total) _machine = ProcCpu.Machine();
    private readonly double _postgres = ProcCpu.PostgresSeconds();
    private double? _postgresUsed;

    public (double ProcessSeconds, double MachineBusyShare) End()
    {
        var machine = ProcCpu.Machine();
        _postgresUsed = ProcCpu.PostgresSeconds() - _postgres;
        var total = machine.Total - _machine.Total;
        return ((pid is { } p ? ProcCpu.ProcessSeconds(p) : 0) - _process, total <= 0 ? 0 : (machine.Busy - _machine.Busy) / total);
    }

    /// <summary>PostgreSQL's CPU seconds over the interval, once <see cref="End"/> closed it.</summary>
    public double PostgresSeconds => _postgresUsed ?? throw new InvalidOperationException("The window is still open.");
}
