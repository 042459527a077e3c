using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Registry.Bench.Infrastructure;

/// <summary>The API's GC heap size, from the runtime's own counters over its diagnostics port (what dotnet-counters reads).</summary>
public sealed class GcHeapCounter : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reading;
    private double _heapMb = double.NaN;

    private GcHeapCounter(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters") return;
            var payload = (IDictionary<string, object>)((IDictionary<string, object>)e.PayloadValue(0))["Payload"];
            if (payload["Name"]?.ToString() == "gc-heap-size") Volatile.Write(ref _heapMb, Convert.ToDouble(payload["Mean"], System.Globalization.CultureInfo.InvariantCulture));
        };
        _reading = Task.Run(source.Process);
    }

    public double HeapMb => Volatile.Read(ref _heapMb);

    public static GcHeapCounter? TryStart(int pid)
    {
        try
        {
            var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
            return new GcHeapCounter(new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false));
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"GC heap counter unavailable: {e.Message}");
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
