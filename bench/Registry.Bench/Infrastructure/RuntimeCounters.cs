using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Registry.Bench.Infrastructure;

/// <summary>
/// The API's GC heap size and how many methods its JIT has compiled (tiered recompilations included), from the runtime's own
/// counters over its diagnostics port (what dotnet-counters reads), once a second.
/// </summary>
public sealed class RuntimeCounters : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reading;
    private double _heapMb = double.NaN;
    private long _methodsJitted = -1;

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters") return;
            var payload = (IDictionary<string, object>)((IDictionary<string, object>)e.PayloadValue(0))["Payload"];
            switch (payload["Name"]?.ToString())
            {
                case "gc-heap-size":
                    Volatile.Write(ref _heapMb, Convert.ToDouble(payload["Mean"], CultureInfo.InvariantCulture));
                    break;
                case "methods-jitted-count":
                    Volatile.Write(ref _methodsJitted, Convert.ToInt64(payload["Mean"], CultureInfo.InvariantCulture));
                    break;
            }
        };
        _reading = Task.Run(source.Process);
    }

    public double HeapMb => Volatile.Read(ref _heapMb);

    /// <summary>Methods compiled since the API started, -1 before the first reading.</summary>
    public long MethodsJitted => Volatile.Read(ref _methodsJitted);

    public static RuntimeCounters? TryStart(int pid)
    {
        try
        {
            var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
            return new RuntimeCounters(new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false));
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"runtime counters unavailable: {e.Message}");
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
            _reading.Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or AggregateException or ObjectDisposedException)
        {
            // The API is gone already.
        }
        _session.Dispose();
    }
}
