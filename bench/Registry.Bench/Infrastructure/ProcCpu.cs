using System.Globalization;

namespace Registry.Bench.Infrastructure;

/// <summary>CPU seconds from /proc: one process's user+system time, and the whole machine's busy and total time.</summary>
public static class ProcCpu
{
    private const double TicksPerSecond = 100;

    public static double ProcessSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
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

/// <summary>CPU use over an interval: the API's seconds per operation and how busy the machine's cores were.</summary>
public sealed class CpuWindow(int? pid)
{
    private readonly double _process = pid is { } p ? ProcCpu.ProcessSeconds(p) : 0;
    private readonly (double Busy, double Total) _machine = ProcCpu.Machine();

    public (double ProcessSeconds, double MachineBusyShare) End()
    {
        var machine = ProcCpu.Machine();
        var total = machine.Total - _machine.Total;
        return ((pid is { } p ? ProcCpu.ProcessSeconds(p) : 0) - _process, total <= 0 ? 0 : (machine.Busy - _machine.Busy) / total);
    }
}
